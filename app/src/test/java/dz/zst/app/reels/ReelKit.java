package dz.zst.app.reels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Products and reels for reel tests, made through the API like the app makes them. */
public final class ReelKit {

    private final String baseUrl;

    public ReelKit(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String product(String sellerToken, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("price", 2500);
        body.put("stock", 10);
        body.put("category", "perfume");
        body.put("images", List.of("https://cdn.zst.test/" + Math.abs(name.hashCode()) + ".jpg"));
        Response created = ApiCalls.post(baseUrl + "/api/v1/products", sellerToken, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    public static Map<String, Object> reelBody(String productId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", productId);
        body.put("video_url", "https://cdn.zst.test/reels/" + productId + ".mp4");
        body.put("video_storage_path", "reels/" + productId + "/video.mp4");
        body.put("thumbnail_url", "https://cdn.zst.test/reels/" + productId + ".jpg");
        body.put("duration", 15);
        body.put("file_size_bytes", 2_000_000);
        body.put("caption", "Découvrez notre nouveauté");
        return body;
    }

    public Response publish(String sellerToken, Map<String, Object> body) {
        return ApiCalls.post(baseUrl + "/api/v1/reels", sellerToken, body);
    }

    /** A new product of the seller with a reel; answers the reel. */
    public JsonNode reel(String sellerToken, String productName) {
        Response published = publish(sellerToken, reelBody(product(sellerToken, productName)));
        assertThat(published.status()).as(published.raw()).isEqualTo(201);
        return published.body();
    }

    public Response like(String token, String reelId) {
        return ApiCalls.post(baseUrl + "/api/v1/reels/" + reelId + "/like", token, null);
    }

    public Response unlike(String token, String reelId) {
        return ApiCalls.delete(baseUrl + "/api/v1/reels/" + reelId + "/like", token);
    }

    public Response comment(String token, String reelId, String content) {
        return ApiCalls.post(baseUrl + "/api/v1/reels/" + reelId + "/comments", token, Map.of("content", content));
    }

    public Response get(String token, String reelId) {
        return ApiCalls.get(baseUrl + "/api/v1/reels/" + reelId, token);
    }

    public static void assertError(Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().get("statusCode").asInt()).isEqualTo(status);
        assertThat(response.body().get("message").toString()).contains(messagePart);
    }
}
