package dz.zst.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
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

            ApiCalls.Download response = download(storage.publicUrl(key));

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

        ApiCalls.Download response = download(storage.publicUrl(key), "Range", "bytes=2-5");

        assertThat(response.status()).isEqualTo(206);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("2345");
    }

    @Test
    void answersAMissingFileWith404InTheContractShape() {
        ApiCalls.Response response = ApiCalls.get(url("/media/uploads/nobody/files/missing.png"), null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().get("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void neverServesFilesOutsideTheMediaFolder() throws Exception {
        Path dataDir = ((LocalFileStorage) storage).root().getParent();
        String signingKey = Files.readString(dataDir.resolve("storage-signing.key")).trim();

        for (String path : new String[] {"/media/../storage-signing.key", "/media/%2e%2e/storage-signing.key",
                "/media/..%2fstorage-signing.key", "/media/%2e%2e%2fstorage-signing.key",
                "/media/..%5cstorage-signing.key", "/media//../storage-signing.key",
                "/media/uploads/../../storage-signing.key"}) {
            ApiCalls.Download response = ApiCalls.sendBytes("GET", url(path), null, null, Map.of());

            assertThat(response.status()).as(path).isIn(400, 404);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).doesNotContain(signingKey);
        }
    }

    @Test
    void presignedUploadUrlAcceptsExactlyTheSignedFile() {
        StorageKey key = new StorageKey("reels/media-test/video-2.mp4");
        byte[] video = "\0\0\0\u0018ftypisom tiny video".getBytes(StandardCharsets.ISO_8859_1);
        PresignedUpload presigned = storage.presignPut(key, "video/mp4", video.length, Duration.ofMinutes(5));

        ApiCalls.Download uploaded = upload(presigned.uploadUrl(), presigned.headers(), video);

        assertThat(uploaded.status()).as(new String(uploaded.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        ApiCalls.Download served = download(presigned.publicUrl());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(video);
        assertThat(served.contentType()).startsWith("video/mp4");
    }

    @Test
    void presignedUploadsMayBeFarLargerThanJsonBodies() {
        StorageKey key = new StorageKey("reels/media-test/video-5.mp4");
        byte[] video = new byte[20 * 1024 * 1024];
        video[video.length - 1] = 7;
        PresignedUpload presigned = storage.presignPut(key, "video/mp4", video.length, Duration.ofMinutes(5));

        ApiCalls.Download uploaded = upload(presigned.uploadUrl(), presigned.headers(), video);

        assertThat(uploaded.status()).as(new String(uploaded.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(download(presigned.publicUrl()).body()).isEqualTo(video);
    }

    @Test
    void presignedUploadRefusesAnythingElse() {
        StorageKey key = new StorageKey("reels/media-test/video-3.mp4");
        PresignedUpload presigned = storage.presignPut(key, "video/mp4", 4, Duration.ofMinutes(5));
        String url = presigned.uploadUrl();

        ApiCalls.Download forged = upload(url.replace("signature=", "signature=x"), presigned.headers(), new byte[4]);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(json(forged).get("statusCode").asInt()).isEqualTo(403);

        ApiCalls.Download otherKey = upload(url.replace("video-3.mp4", "video-4.mp4"), presigned.headers(), new byte[4]);
        assertThat(otherKey.status()).isEqualTo(403);

        ApiCalls.Download html = upload(url, Map.of("Content-Type", "text/html"), new byte[4]);
        assertThat(html.status()).isEqualTo(400);
        assertThat(json(html).get("message").asText()).contains("video/mp4");

        ApiCalls.Download tooLarge = upload(url, presigned.headers(), new byte[5]);
        assertThat(tooLarge.status()).isEqualTo(413);

        ApiCalls.Download tooSmall = upload(url, presigned.headers(), new byte[3]);
        assertThat(tooSmall.status()).isEqualTo(400);

        assertThat(storage.exists(key)).isFalse();
    }
}
