package dz.zst.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.command.storage.LocalFileStorage;
import dz.zst.command.storage.PresignedUpload;
import dz.zst.command.storage.StorageKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded default storage as clients meet it: files served at /media/**, presigned PUTs at /media-upload/**. */
class LocalMediaApiTest extends StorageTestBase {

    @Test
    void isTheStorageWhenNoBucketIsConfigured() {
        assertThat(storage).isInstanceOf(LocalFileStorage.class);
        Path root = ((LocalFileStorage) storage).root();
        assertThat(root.getFileName()).hasToString("media");
        assertThat(root.getParent().getFileName().toString()).startsWith("test-data-");
    }

    @Test
    void servesStoredFilesWithTheirContentType() {
        Map<String, String> types = Map.of("jpg", "image/jpeg", "png", "image/png", "webp", "image/webp",
                "heic", "image/heic", "mp4", "video/mp4", "mov", "video/quicktime", "bin", "application/octet-stream");
        types.forEach((extension, type) -> {
            StorageKey key = new StorageKey("uploads/media-test/files/typed." + extension);
            storage.put(key, ("content of " + extension).getBytes(StandardCharsets.UTF_8), type);

            ApiCalls.Response response = api.get(storage.publicUrl(key), null);

            assertThat(response.status()).as(extension).isEqualTo(200);
            assertThat(response.contentType()).as(extension).startsWith(type);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("content of " + extension);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        });
    }

    @Test
    void servesByteRangesSoVideosCanSeek() {
        StorageKey key = new StorageKey("reels/media-test/video-1.mp4");
        storage.put(key, "0123456789".getBytes(StandardCharsets.UTF_8), "video/mp4");

        ApiCalls.Response response = api.get(storage.publicUrl(key), null, "Range", "bytes=2-5");

        assertThat(response.status()).isEqualTo(206);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("2345");
    }

    @Test
    void answersAMissingFileWith404InTheContractShape() {
        ApiCalls.Response response = api.get("/media/uploads/nobody/files/missing.png", null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void neverServesFilesOutsideTheMediaFolder() throws Exception {
        Path dataDir = ((LocalFileStorage) storage).root().getParent();
        String signingKey = Files.readString(dataDir.resolve("storage-signing.key")).trim();

        for (String path : new String[] {"/media/../storage-signing.key", "/media/%2e%2e/storage-signing.key",
                "/media/..%2fstorage-signing.key", "/media/%2e%2e%2fstorage-signing.key",
                "/media/..%5cstorage-signing.key", "/media//../storage-signing.key",
                "/media/uploads/../../storage-signing.key"}) {
            ApiCalls.Response response = api.get(path, null);

            assertThat(response.status()).as(path).isIn(400, 404);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).doesNotContain(signingKey);
        }
    }

    @Test
    void presignedUploadUrlAcceptsExactlyTheSignedFile() {
        StorageKey key = new StorageKey("reels/media-test/video-2.mp4");
        byte[] video = "\0\0\0\u0018ftypisom tiny video".getBytes(StandardCharsets.ISO_8859_1);
        PresignedUpload presigned = storage.presignPut(key, "video/mp4", video.length, Duration.ofMinutes(5));

        ApiCalls.Response uploaded = api.put(api.local(presigned.uploadUrl()), presigned.headers(), video);

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        ApiCalls.Response served = api.get(presigned.publicUrl(), null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(video);
        assertThat(served.contentType()).startsWith("video/mp4");
    }

    @Test
    void presignedUploadRefusesAnythingElse() {
        StorageKey key = new StorageKey("reels/media-test/video-3.mp4");
        PresignedUpload presigned = storage.presignPut(key, "video/mp4", 4, Duration.ofMinutes(5));
        String url = api.local(presigned.uploadUrl());

        ApiCalls.Response forged = api.put(url.replace("signature=", "signature=x"), presigned.headers(), new byte[4]);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("statusCode").asInt()).isEqualTo(403);

        ApiCalls.Response otherKey = api.put(url.replace("video-3.mp4", "video-4.mp4"), presigned.headers(), new byte[4]);
        assertThat(otherKey.status()).isEqualTo(403);

        ApiCalls.Response html = api.put(url, Map.of("Content-Type", "text/html"), new byte[4]);
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.json().get("message").asText()).contains("video/mp4");

        ApiCalls.Response tooLarge = api.put(url, presigned.headers(), new byte[5]);
        assertThat(tooLarge.status()).isEqualTo(413);

        ApiCalls.Response tooSmall = api.put(url, presigned.headers(), new byte[3]);
        assertThat(tooSmall.status()).isEqualTo(400);

        assertThat(storage.exists(key)).isFalse();
    }
}
