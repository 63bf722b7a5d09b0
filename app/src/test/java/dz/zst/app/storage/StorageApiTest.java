package dz.zst.app.storage;

import static dz.zst.app.support.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Part;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.TestUsers;
import dz.zst.command.storage.LocalFileStorage;
import dz.zst.command.storage.StorageKey;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The storage routes of API.md §4 and §7 end to end: signed in through development sign-in
 * (API.md §2), on products created through the API.
 */
class StorageApiTest extends StorageTestBase {

    private static final byte[] MP4 = "\0\0\0\u0018ftypisom\0\0\0\0isomavc1 tiny video body"
            .getBytes(StandardCharsets.ISO_8859_1);

    private static String unique(String role) {
        return role + "-" + UUID.randomUUID() + "@zst.test";
    }

    private String customer() {
        return TestUsers.signIn(baseUrl(), unique("customer"));
    }

    private String seller() {
        return TestUsers.seller(baseUrl(), unique("seller"), "fournisseur");
    }

    private String productOf(String seller) {
        Response created = ApiCalls.post(url("/api/v1/products"), seller,
                Map.of("name", "Parfum d'essai", "price", 2500, "stock", 3, "category", "perfume"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private static Part file(String name, String contentType, byte[] content) {
        return new Part(name, "upload", contentType, content);
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = response.body();
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.hasNonNull("message")).isTrue();
    }

    private static Map<String, Object> presignBody(String kind, String productId, String contentType, long size) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("product_id", productId);
        body.put("content_type", contentType);
        body.put("size", size);
        return body;
    }

    @Test
    void guestsAreUnauthorizedEverywhere() {
        String product = UUID.randomUUID().toString();
        Part image = file("file", "image/png", png(10, 10));

        assertProblem(ApiCalls.multipart(url("/api/v1/storage/products/" + product + "/images"), null, image), 401);
        assertProblem(ApiCalls.multipart(url("/api/v1/storage/upload-image"), null, file("image", "image/png", png(10, 10))), 401);
        assertProblem(ApiCalls.post(url("/api/v1/storage/upload-image"), null, Map.of("image", "data:image/png;base64,AAAA")), 401);
        assertProblem(ApiCalls.multipart(url("/api/v1/storage/upload"), null, image), 401);
        assertProblem(ApiCalls.multipart(url("/api/v1/storage/reels/" + product + "/video"), null, file("file", "video/mp4", MP4)), 401);
        assertProblem(ApiCalls.delete(url("/api/v1/storage/files/uploads/" + product + "/files/1.bin"), null), 401);
        assertProblem(ApiCalls.post(url("/api/v1/storage/presign"), null, presignBody("product-image", product, "image/png", 10)), 401);
    }

    @Test
    void ownerUploadsAProductImageWithAThumbnailAndItIsAttached() throws IOException {
        String seller = seller();
        String product = productOf(seller);

        Response response = ApiCalls.multipart(url("/api/v1/storage/products/" + product + "/images"), seller,
                new Part("file", "photo.png", "image/png", png(1200, 800)));

        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        JsonNode body = response.body();
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("key").asText()).matches("products/" + product + "/images/\\d+\\.png");
        assertThat(body.get("thumbnailKey").asText()).matches("products/" + product + "/images/\\d+-thumb\\.jpg");
        assertThat(body.get("url").asText()).endsWith("/media/" + body.get("key").asText());
        assertThat(body.get("thumbnailUrl").asText()).endsWith("/media/" + body.get("thumbnailKey").asText());

        ApiCalls.Download original = download(body.get("url").asText());
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.contentType()).startsWith("image/png");
        ApiCalls.Download thumbnail = download(body.get("thumbnailUrl").asText());
        assertThat(thumbnail.contentType()).startsWith("image/jpeg");
        BufferedImage square = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(square.getWidth()).isEqualTo(400);
        assertThat(square.getHeight()).isEqualTo(400);

        Response shown = ApiCalls.get(url("/api/v1/products/" + product), seller);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().get("images").findValuesAsText("image_url")).contains(body.get("url").asText());
    }

    @Test
    void productImageUploadRefusesBadInputStrangersAndUnknownProducts() throws IOException {
        String seller = seller();
        String product = productOf(seller);
        String route = "/api/v1/storage/products/" + product + "/images";

        assertProblem(ApiCalls.multipart(url(route), seller, file("file", "text/plain", "hello".getBytes(StandardCharsets.UTF_8))), 400);
        assertProblem(ApiCalls.multipart(url(route), seller, file("file", "image/png", "<html>not an image</html>".getBytes(StandardCharsets.UTF_8))), 400);
        assertProblem(ApiCalls.multipart(url(route), seller, file("other", "image/png", png(10, 10))), 400);
        assertProblem(ApiCalls.multipart(url(route), seller, file("file", "image/png", new byte[0])), 400);
        assertProblem(ApiCalls.multipart(url(route), seller, file("file", "image/png", new byte[10 * 1024 * 1024 + 1])), 413);

        assertProblem(ApiCalls.multipart(url(route), seller(), file("file", "image/png", png(20, 20))), 403);
        assertProblem(ApiCalls.multipart(url(route), customer(), file("file", "image/png", png(20, 20))), 403);
        Path images = ((LocalFileStorage) storage).root().resolve("products").resolve(product).resolve("images");
        assertThat(Files.exists(images) ? Files.list(images).count() : 0).as("files left behind").isZero();

        assertProblem(ApiCalls.multipart(url("/api/v1/storage/products/" + UUID.randomUUID() + "/images"), seller,
                file("file", "image/png", png(20, 20))), 404);
        assertProblem(ApiCalls.multipart(url("/api/v1/storage/products/not-a-uuid/images"), seller,
                file("file", "image/png", png(20, 20))), 404);
    }

    @Test
    void usersUploadImagesAsMultipartOrDataUri() {
        String user = customer();

        Response multipart = ApiCalls.multipart(url("/api/v1/storage/upload-image"), user,
                file("image", "image/png", png(30, 30)));
        assertThat(multipart.status()).as(multipart.raw()).isEqualTo(201);
        assertThat(multipart.body().get("key").asText()).matches("uploads/" + TestUsers.userId(baseUrl(), user) + "/images/\\d+\\.png");
        assertThat(download(multipart.body().get("url").asText()).contentType()).startsWith("image/png");

        String dataUri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png(30, 30));
        Response json = ApiCalls.post(url("/api/v1/storage/upload-image"), user, Map.of("image", dataUri));
        assertThat(json.status()).as(json.raw()).isEqualTo(201);
        assertThat(json.body().get("key").asText()).startsWith("uploads/" + TestUsers.userId(baseUrl(), user) + "/images/");
        assertThat(json.body().fieldNames()).toIterable().containsExactlyInAnyOrder("url", "key");

        assertProblem(ApiCalls.post(url("/api/v1/storage/upload-image"), user, Map.of("image", "not a data uri")), 400);
        assertProblem(ApiCalls.post(url("/api/v1/storage/upload-image"), user, Map.of("image", "data:image/png;base64,@@@")), 400);
        assertProblem(ApiCalls.post(url("/api/v1/storage/upload-image"), user,
                Map.of("image", "data:text/html;base64," + Base64.getEncoder().encodeToString("<b>x</b>".getBytes(StandardCharsets.UTF_8)))), 400);
        assertProblem(ApiCalls.post(url("/api/v1/storage/upload-image"), user, Map.of("image", dataUri, "extra", 1)), 400);
        assertProblem(ApiCalls.post(url("/api/v1/storage/upload-image"), user,
                Map.of("image", "data:image/png;base64," + "A".repeat(14 * 1024 * 1024))), 413);
        assertProblem(ApiCalls.multipart(url("/api/v1/storage/upload-image"), user,
                file("image", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8))), 400);
        assertProblem(ApiCalls.multipart(url("/api/v1/storage/upload-image"), user,
                file("image", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8))), 400);
    }

    @Test
    void genericUploadsAreStoredAsWhatTheirBytesAre() {
        String user = customer();

        Response pdf = ApiCalls.multipart(url("/api/v1/storage/upload"), user,
                file("file", "application/pdf", "%PDF-1.4 a document".getBytes(StandardCharsets.UTF_8)));
        assertThat(pdf.status()).as(pdf.raw()).isEqualTo(201);
        assertThat(pdf.body().get("key").asText()).matches("uploads/" + TestUsers.userId(baseUrl(), user) + "/files/\\d+\\.pdf");

        Response html = ApiCalls.multipart(url("/api/v1/storage/upload"), user,
                file("file", "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)));
        assertThat(html.status()).isEqualTo(201);
        assertThat(html.body().get("key").asText()).endsWith(".bin");
        assertThat(download(html.body().get("url").asText()).contentType()).startsWith("application/octet-stream");

        assertProblem(ApiCalls.multipart(url("/api/v1/storage/upload"), user, file("image", "text/plain", new byte[] {1})), 400);
        assertProblem(ApiCalls.multipart(url("/api/v1/storage/upload"), user, file("file", "text/plain", new byte[0])), 400);
    }

    @Test
    void filesAreDeletedOnlyByTheOwnerOfTheirPrefixOrAnAdmin() {
        String user = customer();
        String stranger = customer();
        String key = ApiCalls.multipart(url("/api/v1/storage/upload"), user, file("file", "text/plain", new byte[] {1, 2}))
                .body().get("key").asText();

        assertProblem(ApiCalls.delete(url("/api/v1/storage/files/" + key), stranger), 403);
        Response deleted = ApiCalls.delete(url("/api/v1/storage/files/" + key), user);
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(deleted.body().get("key").asText()).isEqualTo(key);
        assertThat(deleted.body().get("message").asText()).isNotBlank();
        assertThat(storage.exists(new StorageKey(key))).isFalse();
        assertProblem(ApiCalls.delete(url("/api/v1/storage/files/" + key), user), 404);

        String another = ApiCalls.multipart(url("/api/v1/storage/upload"), user, file("file", "text/plain", new byte[] {3}))
                .body().get("key").asText();
        assertThat(ApiCalls.delete(url("/api/v1/storage/files/" + another), TestUsers.admin(baseUrl())).status()).isEqualTo(200);

        String seller = seller();
        String product = productOf(seller);
        JsonNode image = ApiCalls.multipart(url("/api/v1/storage/products/" + product + "/images"), seller,
                file("file", "image/png", png(50, 50))).body();
        assertProblem(ApiCalls.delete(url("/api/v1/storage/files/" + image.get("key").asText()), seller()), 403);
        assertProblem(ApiCalls.delete(url("/api/v1/storage/files/" + image.get("key").asText()), user), 403);
        assertThat(ApiCalls.delete(url("/api/v1/storage/files/" + image.get("thumbnailKey").asText()), seller).status()).isEqualTo(200);

        assertProblem(ApiCalls.delete(url("/api/v1/storage/files/elsewhere/x/y.bin"), user), 403);
        assertProblem(ApiCalls.delete(url("/api/v1/storage/files/uploads/" + TestUsers.userId(baseUrl(), user) + "/.hidden"), user), 400);
        assertProblem(ApiCalls.delete(url("/api/v1/storage/files/products/" + UUID.randomUUID() + "/images/1.png"), seller), 404);
    }

    @Test
    void aKeyWithItsSlashesEncodedIsDeletedLikeTheRawOne() {
        String user = customer();
        String stranger = customer();
        String key = ApiCalls.multipart(url("/api/v1/storage/upload"), user, file("file", "text/plain", new byte[] {1}))
                .body().get("key").asText();
        // What Swagger's "Try it out" and the app's path encoding send for products/…/images/….
        String encoded = key.replace("/", "%2F");

        assertProblem(ApiCalls.delete(url("/api/v1/storage/files/" + encoded), stranger), 403);
        Response deleted = ApiCalls.delete(url("/api/v1/storage/files/" + encoded), user);
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(deleted.body().get("key").asText()).isEqualTo(key);
        assertThat(storage.exists(new StorageKey(key))).isFalse();

        String mixed = ApiCalls.multipart(url("/api/v1/storage/upload"), user, file("file", "text/plain", new byte[] {2}))
                .body().get("key").asText();
        int last = mixed.lastIndexOf('/');
        Response mixedDeleted = ApiCalls.delete(url("/api/v1/storage/files/" + mixed.substring(0, last) + "%2f"
                + mixed.substring(last + 1)), user);
        assertThat(mixedDeleted.status()).as(mixedDeleted.raw()).isEqualTo(200);
        assertThat(storage.exists(new StorageKey(mixed))).isFalse();
    }

    @Test
    void encodedTraversalsInAKeyAreStillRefused() {
        String user = customer();
        String own = "uploads/" + TestUsers.userId(baseUrl(), user) + "/files";
        String kept = ApiCalls.multipart(url("/api/v1/storage/upload"), user, file("file", "text/plain", new byte[] {1}))
                .body().get("key").asText();
        String ownEncoded = own.replace("/", "%2F");
        for (String path : List.of(ownEncoded + "%2F..%2F..%2F..%2Fstorage-signing.key",
                own + "/..%2F..%2F..%2Fstorage-signing.key", ownEncoded + "%2F%2e%2e%2Fx.bin",
                ownEncoded + "%2F.%2Fx.bin", ownEncoded + "%252F..%252Fx.bin", ownEncoded + "%5C..%5Cx.bin",
                ownEncoded + "%2F%2Fx.bin", "%2F" + ownEncoded + "%2Fx.bin", ownEncoded + "%2F.hidden",
                ownEncoded + "%00.bin")) {
            Response refused = ApiCalls.delete(url("/api/v1/storage/files/" + path), user);
            assertProblem(refused, 400);
        }
        assertThat(storage.exists(new StorageKey(kept))).isTrue();
        // Only the delete route reads encoded slashes; everywhere else they are refused as before.
        assertProblem(ApiCalls.get(url("/api/v1/products/a%2Fb"), null), 400);
        assertProblem(ApiCalls.send("POST", url("/api/v1/storage/files/" + ownEncoded + "%2Fx.bin"), user, null,
                Map.of()), 400);
    }

    @Test
    void ownerUploadsAReelVideo() {
        String seller = seller();
        String product = productOf(seller);

        Response response = ApiCalls.multipart(url("/api/v1/storage/reels/" + product + "/video"), seller,
                new Part("file", "clip.mp4", "video/mp4", MP4));

        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        JsonNode body = response.body();
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("key").asText()).matches("reels/" + product + "/video-\\d+\\.mp4");
        ApiCalls.Download served = download(body.get("url").asText());
        assertThat(served.body()).isEqualTo(MP4);
        assertThat(served.contentType()).startsWith("video/mp4");
    }

    @Test
    void reelVideoUploadRefusesBadInputStrangersAndUnknownProducts() throws Exception {
        String seller = seller();
        String product = productOf(seller);
        String route = "/api/v1/storage/reels/" + product + "/video";

        assertProblem(ApiCalls.multipart(url(route), seller, file("file", "image/png", png(10, 10))), 400);
        assertProblem(ApiCalls.multipart(url(route), seller, file("file", "video/mp4", "<html></html>".getBytes(StandardCharsets.UTF_8))), 400);
        assertProblem(ApiCalls.multipart(url(route), seller, file("video", "video/mp4", MP4)), 400);
        assertProblem(ApiCalls.multipart(url(route), seller(), file("file", "video/mp4", MP4)), 403);
        assertProblem(ApiCalls.multipart(url("/api/v1/storage/reels/" + UUID.randomUUID() + "/video"), seller,
                file("file", "video/mp4", MP4)), 404);
        assertThat(postOversizedVideo(route, seller)).isEqualTo(413);
    }

    /** 100 MB and one byte, streamed: the multipart limit must answer 413 before anything is stored. */
    private int postOversizedVideo(String route, String token) throws Exception {
        String boundary = "zst-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long size = 100L * 1024 * 1024 + 1;
        InputStream zeros = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + route))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new SequenceInputStream(Collections.enumeration(List.of(
                                new ByteArrayInputStream(head), zeros, new ByteArrayInputStream(tail))))),
                        head.length + size + tail.length))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException reset) {
            return -1;
        }
    }

    @Test
    void presignsDirectUploadsForOwners() {
        String seller = seller();
        String product = productOf(seller);
        byte[] image = png(40, 40);

        Response response = ApiCalls.post(url("/api/v1/storage/presign"), seller,
                presignBody("product-image", product, "image/png", image.length));

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.get("method").asText()).isEqualTo("PUT");
        assertThat(body.get("key").asText()).matches("products/" + product + "/images/\\d+\\.png");
        assertThat(body.get("headers").get("Content-Type").asText()).isEqualTo("image/png");
        assertThat(body.get("public_url").asText()).endsWith("/media/" + body.get("key").asText());
        assertThat(body.get("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        ApiCalls.Download uploaded = upload(body.get("upload_url").asText(), Map.of("Content-Type", "image/png"), image);
        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(download(body.get("public_url").asText()).body()).isEqualTo(image);

        Response video = ApiCalls.post(url("/api/v1/storage/presign"), seller,
                presignBody("reel-video", product, "video/quicktime", 50L * 1024 * 1024));
        assertThat(video.status()).as(video.raw()).isEqualTo(200);
        assertThat(video.body().get("key").asText()).matches("reels/" + product + "/video-\\d+\\.mov");
    }

    @Test
    void presignRefusesBadRequestsStrangersAndUnknownProducts() {
        String seller = seller();
        String product = productOf(seller);
        String route = "/api/v1/storage/presign";

        assertProblem(ApiCalls.post(url(route), seller, presignBody("avatar", product, "image/png", 10)), 400);
        assertProblem(ApiCalls.post(url(route), seller, presignBody("product-image", product, "video/mp4", 10)), 400);
        assertProblem(ApiCalls.post(url(route), seller, presignBody("reel-video", product, "image/png", 10)), 400);
        assertProblem(ApiCalls.post(url(route), seller, presignBody("product-image", product, "image/svg+xml", 10)), 400);
        assertProblem(ApiCalls.post(url(route), seller, presignBody("product-image", "nope", "image/png", 10)), 400);
        assertProblem(ApiCalls.post(url(route), seller, presignBody("product-image", product, "image/png", 0)), 400);
        assertProblem(ApiCalls.post(url(route), seller, presignBody("product-image", product, "image/png", -5)), 400);
        assertProblem(ApiCalls.post(url(route), seller, Map.of("kind", "product-image")), 400);
        Map<String, Object> unknownField = presignBody("product-image", product, "image/png", 10);
        unknownField.put("bucket", "other");
        assertProblem(ApiCalls.post(url(route), seller, unknownField), 400);
        Map<String, Object> wrongType = presignBody("product-image", product, "image/png", 10);
        wrongType.put("size", "10");
        assertProblem(ApiCalls.post(url(route), seller, wrongType), 400);

        assertProblem(ApiCalls.post(url(route), seller, presignBody("product-image", product, "image/png", 10L * 1024 * 1024 + 1)), 413);
        assertProblem(ApiCalls.post(url(route), seller, presignBody("reel-video", product, "video/mp4", 100L * 1024 * 1024 + 1)), 413);

        assertProblem(ApiCalls.post(url(route), seller(), presignBody("product-image", product, "image/png", 10)), 403);
        assertProblem(ApiCalls.post(url(route), seller, presignBody("reel-video", UUID.randomUUID().toString(), "video/mp4", 10)), 404);
    }

    @Test
    void storageRoutesAreDocumentedButTheSignedUploadEndpointIsNot() {
        Response docs = ApiCalls.get(url("/api/docs-json"), null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").fieldNames()).toIterable()
                .contains("/api/v1/storage/products/{productId}/images", "/api/v1/storage/upload-image",
                        "/api/v1/storage/upload", "/api/v1/storage/reels/{productId}/video", "/api/v1/storage/presign")
                .anyMatch(path -> path.startsWith("/api/v1/storage/files/"))
                .noneMatch(path -> path.startsWith("/media-upload"));
    }
}
