package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.orders.Shop;
import dz.zst.app.support.ApiCalls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A product and orders of it, placed through the API like the app, for the order subscriptions. */
final class Orders {

    private final String baseUrl;
    private final String productId;

    Orders(String baseUrl, String sellerToken, String productName) {
        this.baseUrl = baseUrl;
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", productName);
        product.put("price", 2500);
        product.put("stock", 100);
        product.put("category", "perfume");
        product.put("images", List.of("https://cdn.zst.test/realtime.jpg"));
        ApiCalls.Response created = ApiCalls.post(baseUrl + "/api/v1/products", sellerToken, product);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        this.productId = created.body().get("id").asText();
    }

    /** The order placed by the holder of {@code token}, or by a guest when it is null. */
    JsonNode place(String token) {
        return Shop.orderOf(baseUrl, token, productId, 1);
    }
}
