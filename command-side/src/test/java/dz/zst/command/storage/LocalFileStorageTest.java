package dz.zst.command.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dz.zst.command.storage.LocalFileStorage.SignedUpload;
import dz.zst.domain.shared.ForbiddenException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

class LocalFileStorageTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(NOW);

    private LocalFileStorage storage() {
        return new LocalFileStorage(data.resolve("media"), "https://api.zst.test/",
                UploadSigner.withKeyFile(data.resolve("storage-signing.key")), clock);
    }

    @Test
    void storesReportsAndDeletesFiles() throws IOException {
        LocalFileStorage storage = storage();
        StorageKey key = new StorageKey("uploads/u1/files/1.bin");

        storage.put(key, new byte[] {1, 2, 3}, "application/octet-stream");

        assertThat(storage.exists(key)).isTrue();
        assertThat(Files.readAllBytes(data.resolve("media/uploads/u1/files/1.bin"))).containsExactly(1, 2, 3);
        assertThat(storage.publicUrl(key)).isEqualTo("https://api.zst.test/media/uploads/u1/files/1.bin");

        storage.delete(key);
        assertThat(storage.exists(key)).isFalse();
        storage.delete(key);
    }

    @Test
    void keepsNoPartialFileWhenTheStreamIsShorterThanAnnounced() {
        LocalFileStorage storage = storage();
        StorageKey key = new StorageKey("uploads/u1/files/2.bin");

        assertThatThrownBy(() -> storage.put(key, new ByteArrayInputStream(new byte[5]), "application/octet-stream", 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.put(key, new ByteArrayInputStream(new byte[50]), "application/octet-stream", 10))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(storage.exists(key)).isFalse();
        assertThat(data.resolve("media-incoming")).isEmptyDirectory();
    }

    @Test
    void presignedUploadStoresExactlyWhatWasSigned() {
        LocalFileStorage storage = storage();
        StorageKey key = new StorageKey("products/p/images/1.png");
        PresignedUpload presigned = storage.presignPut(key, "image/png", 4, Duration.ofMinutes(15));

        assertThat(presigned.method()).isEqualTo("PUT");
        assertThat(presigned.headers()).containsExactly(Map.entry("Content-Type", "image/png"));
        assertThat(presigned.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(presigned.publicUrl()).isEqualTo("https://api.zst.test/media/products/p/images/1.png");
        assertThat(presigned.uploadUrl()).startsWith("https://api.zst.test/media-upload/products/p/images/1.png?");

        storage.receiveSignedUpload(parse(presigned), "image/png", 4, new ByteArrayInputStream(new byte[4]));
        assertThat(storage.exists(key)).isTrue();
    }

    @Test
    void refusesTamperedOrExpiredUploads() {
        LocalFileStorage storage = storage();
        PresignedUpload presigned = storage.presignPut(new StorageKey("products/p/images/2.png"), "image/png", 4,
                Duration.ofMinutes(15));
        SignedUpload signed = parse(presigned);

        SignedUpload otherKey = new SignedUpload(new StorageKey("products/q/images/2.png"), signed.contentType(),
                signed.size(), signed.expires(), signed.signature());
        SignedUpload bigger = new SignedUpload(signed.key(), signed.contentType(), 400, signed.expires(),
                signed.signature());
        SignedUpload html = new SignedUpload(signed.key(), "text/html", signed.size(), signed.expires(),
                signed.signature());
        for (SignedUpload forged : new SignedUpload[] {otherKey, bigger, html}) {
            assertThatThrownBy(() -> storage.receiveSignedUpload(forged, forged.contentType(), 4,
                    new ByteArrayInputStream(new byte[4]))).isInstanceOf(ForbiddenException.class);
        }

        assertThatThrownBy(() -> storage.receiveSignedUpload(signed, "text/html", 4, new ByteArrayInputStream(new byte[4])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.receiveSignedUpload(signed, "image/png", 5, new ByteArrayInputStream(new byte[5])))
                .isInstanceOf(MaxUploadSizeExceededException.class);

        clock.now = NOW.plus(Duration.ofMinutes(16));
        assertThatThrownBy(() -> storage.receiveSignedUpload(signed, "image/png", 4, new ByteArrayInputStream(new byte[4])))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void signaturesSurviveARestartWithTheSameDataFolder() {
        PresignedUpload presigned = storage().presignPut(new StorageKey("products/p/images/3.png"), "image/png", 4,
                Duration.ofMinutes(15));

        LocalFileStorage restarted = storage();
        restarted.receiveSignedUpload(parse(presigned), "image/png", 4, new ByteArrayInputStream(new byte[4]));

        assertThat(restarted.exists(new StorageKey("products/p/images/3.png"))).isTrue();
    }

    private static SignedUpload parse(PresignedUpload presigned) {
        URI uri = URI.create(presigned.uploadUrl());
        Map<String, String> query = Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        return new SignedUpload(StorageKey.fromPath(uri.getPath().substring("/media-upload".length())),
                query.get("content_type"), Long.parseLong(query.get("size")), Long.parseLong(query.get("expires")),
                query.get("signature"));
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
