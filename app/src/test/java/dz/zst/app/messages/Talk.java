package dz.zst.app.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Subjects and conversations through the API, as the app makes them, for the messages tests. */
public final class Talk {

    private final String baseUrl;

    public Talk(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A product of the seller behind {@code sellerToken}; its id. */
    public String product(String sellerToken, String name) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", name);
        product.put("price", 2500);
        product.put("stock", 100);
        product.put("category", "perfume");
        product.put("images", List.of("https://cdn.zst.test/messages.jpg"));
        ApiCalls.Response created = ApiCalls.post(baseUrl + "/api/v1/products", sellerToken, product);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** An order of one unit of the product by the holder of {@code buyerToken}; its id. */
    public String order(String buyerToken, String productId) {
        Map<String, Object> checkout = new LinkedHashMap<>();
        checkout.put("customer_name", "Amina Benali");
        checkout.put("customer_phone", "0555123456");
        checkout.put("shipping_address", "12 rue Didouche Mourad, Alger Centre");
        checkout.put("customer_wilaya", "Alger");
        checkout.put("payment_method", "cod");
        checkout.put("items", List.of(Map.of("product_id", productId, "quantity", 1)));
        ApiCalls.Response placed = ApiCalls.post(baseUrl + "/api/v1/orders", buyerToken, checkout);
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        return placed.body().get("orders").get(0).get("id").asText();
    }

    /** A negotiable lot of the importateur behind {@code token} for grossistes; its id. */
    public String lot(String importateurToken, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("base_price", 50_000);
        body.put("min_quantity", 10);
        body.put("available_quantity", 100);
        body.put("offer_type", "negotiable");
        body.put("target_category", "grossiste");
        ApiCalls.Response created = ApiCalls.post(baseUrl + "/api/v1/b2b/offers", importateurToken, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    public ApiCalls.Response open(String node, String token, String recipientId, String type, String subjectId,
                                  String message) {
        return ApiCalls.post(node + "/api/v1/conversations", token, Map.of("recipient_id", recipientId,
                "subject", Map.of("type", type, "id", subjectId), "message", message));
    }

    public ApiCalls.Response open(String token, String recipientId, String type, String subjectId, String message) {
        return open(baseUrl, token, recipientId, type, subjectId, message);
    }

    /** Opens (or reuses) and answers the conversation's id. */
    public String opened(String token, String recipientId, String type, String subjectId, String message) {
        ApiCalls.Response opened = open(token, recipientId, type, subjectId, message);
        assertThat(opened.status()).as(opened.raw()).isIn(200, 201);
        return opened.body().get("conversation").get("id").asText();
    }

    public ApiCalls.Response post(String token, String conversationId, Object body) {
        return ApiCalls.post(baseUrl + "/api/v1/conversations/" + conversationId + "/messages", token, body);
    }

    /** Posts {@code content} and answers the message. */
    public JsonNode said(String token, String conversationId, String content) {
        ApiCalls.Response posted = post(token, conversationId, Map.of("content", content));
        assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
        return posted.body().get("message");
    }

    public ApiCalls.Response read(String token, String conversationId) {
        return ApiCalls.post(baseUrl + "/api/v1/conversations/" + conversationId + "/read", token, null);
    }

    public JsonNode get(String token, String path) {
        ApiCalls.Response response = ApiCalls.get(baseUrl + "/api/v1/conversations" + path, token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }
}
