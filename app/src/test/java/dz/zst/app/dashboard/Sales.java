package dz.zst.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.orders.Shop;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.eventhandling.GenericEventMessage;

/** A seller's products, orders and their moves, through the API like the app, for the dashboard tests. */
public final class Sales {

    private final String baseUrl;

    public Sales(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String product(String sellerToken, String name, double price, int stock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("price", price);
        body.put("stock", stock);
        body.put("category", "perfume");
        body.put("images", List.of("https://cdn.zst.test/" + Math.abs(name.hashCode()) + ".jpg"));
        Response created = ApiCalls.post(baseUrl + "/api/v1/products", sellerToken, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** The order a guest places for {@code quantity} of the product. */
    public JsonNode order(String productId, int quantity) {
        return Shop.orderOf(baseUrl, null, productId, quantity);
    }

    /** The seller moves the order through each status up to {@code target}. */
    public void move(String sellerToken, String orderId, String... statuses) {
        for (String status : statuses) {
            Response moved = ApiCalls.patch(baseUrl + "/api/v1/seller/orders/" + orderId + "/status", sellerToken,
                    Map.of("status", status));
            assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        }
    }

    /** Delivered, so paid (cash on delivery). */
    public void deliver(String sellerToken, String orderId) {
        move(sellerToken, orderId, "confirmed", "processing", "shipped", "delivered");
    }

    /**
     * Runs {@code write} with Axon's event clock at {@code at}: its events carry that timestamp, as if
     * the write had happened then (the dashboard's days come from the events' timestamps).
     */
    public static <T> T at(Instant at, Supplier<T> write) {
        Clock real = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(at, ZoneOffset.UTC);
        try {
            return write.get();
        } finally {
            GenericEventMessage.clock = real;
        }
    }

    public JsonNode stats(String sellerToken) {
        Response stats = ApiCalls.get(baseUrl + "/api/v1/seller/stats", sellerToken);
        assertThat(stats.status()).as(stats.raw()).isEqualTo(200);
        return stats.body();
    }

    public JsonNode get(String sellerToken, String path) {
        Response response = ApiCalls.get(baseUrl + "/api/v1/seller/" + path, sellerToken);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }
}
