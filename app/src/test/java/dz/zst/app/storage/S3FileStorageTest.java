package dz.zst.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dz.zst.command.storage.PresignedUpload;
import dz.zst.command.storage.R2Settings;
import dz.zst.command.storage.S3FileStorage;
import dz.zst.command.storage.StorageKey;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The R2 storage against Adobe S3Mock, configured exactly as production builds it (region auto,
 * path style, checksums only when required). S3Mock doesn't verify signatures, so this proves the
 * requests and URLs are well formed, not that R2 accepts our credentials.
 */
class S3FileStorageTest {

    private static final String BUCKET = "zst-media";

    @RegisterExtension
    static final S3MockExtension S3_MOCK = new IsolatedS3Mock(BUCKET);

    private static S3FileStorage storage;
    private static S3Client inspector;

    @BeforeAll
    static void connect() {
        storage = S3FileStorage.connect(new R2Settings(S3_MOCK.getServiceEndpoint(), "test-key", "test-secret", BUCKET,
                "https://media.zst.test/"));
        inspector = S3_MOCK.createS3ClientV2();
    }

    @AfterAll
    static void close() {
        storage.close();
        inspector.close();
    }

    private static ResponseBytes<GetObjectResponse> read(StorageKey key) {
        return inspector.getObjectAsBytes(b -> b.bucket(BUCKET).key(key.value()));
    }

    @Test
    void storesReadsAndDeletesObjects() {
        StorageKey key = new StorageKey("products/p1/images/1.png");
        byte[] content = "not really a png".getBytes(StandardCharsets.UTF_8);

        storage.put(key, content, "image/png");

        assertThat(storage.exists(key)).isTrue();
        ResponseBytes<GetObjectResponse> stored = read(key);
        assertThat(stored.asByteArray()).isEqualTo(content);
        assertThat(stored.response().contentType()).isEqualTo("image/png");

        storage.delete(key);
        assertThat(storage.exists(key)).isFalse();
        storage.delete(key);
    }

    @Test
    void streamsLargeObjectsOfAnnouncedSize() {
        StorageKey key = new StorageKey("reels/p1/video-1.mp4");
        byte[] content = new byte[6 * 1024 * 1024 + 17];
        content[content.length - 1] = 42;

        storage.put(key, new ByteArrayInputStream(content), "video/mp4", content.length);

        assertThat(read(key).asByteArray()).isEqualTo(content);
    }

    @Test
    void publicUrlsPointAtThePublicDomainNotTheApiEndpoint() {
        assertThat(storage.publicUrl(new StorageKey("uploads/u1/images/1.jpg")))
                .isEqualTo("https://media.zst.test/uploads/u1/images/1.jpg");
    }

    @Test
    void presignedPutAcceptsAnUploadFromAPlainHttpClient() throws Exception {
        StorageKey key = new StorageKey("reels/p2/video-2.mp4");
        byte[] content = "a tiny video".getBytes(StandardCharsets.UTF_8);

        PresignedUpload presigned = storage.presignPut(key, "video/mp4", content.length, Duration.ofMinutes(10));

        assertThat(presigned.method()).isEqualTo("PUT");
        assertThat(presigned.key()).isEqualTo(key.value());
        assertThat(presigned.publicUrl()).isEqualTo("https://media.zst.test/reels/p2/video-2.mp4");
        assertThat(presigned.headers()).containsEntry("Content-Type", "video/mp4").doesNotContainKey("Host");
        assertThat(presigned.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(9)),
                Instant.now().plus(Duration.ofMinutes(11)));
        assertThat(presigned.uploadUrl())
                .startsWith(S3_MOCK.getServiceEndpoint() + "/" + BUCKET + "/reels/p2/video-2.mp4?")
                .contains("X-Amz-Signature=")
                .doesNotContainIgnoringCase("x-amz-checksum")
                .doesNotContainIgnoringCase("x-amz-sdk-checksum");

        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(presigned.uploadUrl()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        presigned.headers().forEach(put::header);
        HttpResponse<String> response = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        ResponseBytes<GetObjectResponse> stored = read(key);
        assertThat(stored.asByteArray()).isEqualTo(content);
        assertThat(stored.response().contentType()).isEqualTo("video/mp4");
    }
}
