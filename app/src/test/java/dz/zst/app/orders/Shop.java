package dz.zst.app.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Products and checkouts for order tests, through the API like the app. */
public final class Shop {

    private final String baseUrl;

    Shop(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String product(String sellerToken, String name, double price, int stock) {
        return product(sellerToken, name, price, stock, Map.of());
    }

    String product(String sellerToken, String name, double price, int stock, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("price", price);
        body.put("stock", stock);
        body.put("category", "perfume");
        body.put("images", List.of("https://cdn.zst.test/" + name.hashCode() + ".jpg"));
        body.putAll(extra);
        Response created = ApiCalls.post(baseUrl + "/api/v1/products", sellerToken, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    int stock(String productId) {
        Response product = ApiCalls.get(baseUrl + "/api/v1/products/" + productId, null);
        assertThat(product.status()).as(product.raw()).isEqualTo(200);
        return product.body().get("stock").asInt();
    }

    public static Map<String, Object> checkout(List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer_name", "Amina Benali");
        body.put("customer_phone", "0555123456");
        body.put("shipping_address", "12 rue Didouche Mourad, Alger Centre");
        body.put("customer_wilaya", "Alger");
        body.put("payment_method", "cod");
        body.put("items", items);
        return body;
    }

    public static Map<String, Object> item(String productId, int quantity) {
        return Map.of("product_id", productId, "quantity", quantity);
    }

    /** The order of a checkout of one product, by the holder of {@code token} (a guest when null). */
    public static JsonNode orderOf(String baseUrl, String token, String productId, int quantity) {
        Response placed = ApiCalls.post(baseUrl + "/api/v1/orders", token, checkout(List.of(item(productId, quantity))));
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        return placed.body().get("orders").get(0);
    }

    Response place(String token, Map<String, Object> body) {
        return ApiCalls.post(baseUrl + "/api/v1/orders", token, body);
    }

    JsonNode placed(String token, Map<String, Object> body) {
        Response response = place(token, body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().get("orders");
    }

    Response status(String token, String orderId, Map<String, Object> body) {
        return ApiCalls.patch(baseUrl + "/api/v1/seller/orders/" + orderId + "/status", token, body);
    }

    JsonNode moved(String token, String orderId, String status) {
        Response response = status(token, orderId, Map.of("status", status));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    static void assertError(Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().get("statusCode").asInt()).isEqualTo(status);
        if (messagePart != null) {
            assertThat(response.body().get("message").toString()).contains(messagePart);
        }
    }
}
