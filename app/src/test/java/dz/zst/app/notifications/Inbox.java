package dz.zst.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.orders.Shop;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A user's notifications through the API, and the offers and checkouts that cause them. */
public final class Inbox {

    private final String baseUrl;

    public Inbox(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Every notification of the token's user, newest first (all pages). */
    public List<JsonNode> all(String token) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Response response = ApiCalls.get(baseUrl + "/api/v1/notifications?limit=100&page=" + page, token);
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            response.body().get("data").forEach(all::add);
            if (page >= response.body().get("meta").get("totalPages").asInt()) {
                return all;
            }
        }
    }

    /** The user's notifications of {@code type} whose data has {@code key} = {@code value}. */
    public List<JsonNode> of(String token, String type, String key, String value) {
        return all(token).stream().filter(n -> n.get("type").asText().equals(type))
                .filter(n -> n.get("data").path(key).asText().equals(value)).toList();
    }

    /** Waits (10 s at most) for the one notification of that kind, and checks it is the only one. */
    public JsonNode one(String token, String type, String key, String value) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !of(token, type, key, value).isEmpty());
        List<JsonNode> found = of(token, type, key, value);
        assertThat(found).as(type + " with " + key + "=" + value).hasSize(1);
        return found.get(0);
    }

    /**
     * Asks for a rebuild of the notifications read model and waits until its reset has emptied the
     * table (TRUNCATE gives it a new file node): the rebuild's status alone may still read "caught up"
     * before the replay has begun.
     */
    public static void replayStarted(String baseUrl, String admin, JdbcClient jdbc) {
        long before = fileNode(jdbc);
        dz.zst.app.support.ProjectionReplays.replay(baseUrl, admin, "notifications");
        await().atMost(Duration.ofSeconds(20)).until(() -> fileNode(jdbc) != before);
    }

    private static long fileNode(JdbcClient jdbc) {
        return jdbc.sql("SELECT pg_relation_filenode('notifications')").query(Long.class).single();
    }

    public String offer(String seller, String title, String type, String target, Instant endsAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("base_price", 5_000);
        body.put("min_quantity", 1);
        body.put("available_quantity", 50);
        body.put("offer_type", type);
        body.put("target_category", target);
        if (endsAt != null) {
            body.put("starts_at", Instant.now().minusSeconds(10).toString());
            body.put("ends_at", endsAt.toString());
        }
        Response created = ApiCalls.post(baseUrl + "/api/v1/b2b/offers", seller, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** A bid or negotiation, answered 201: its response id. */
    public String respond(String token, String offerId, String type, int amount, int quantity) {
        Response response = ApiCalls.post(baseUrl + "/api/v1/b2b/offers/" + offerId + "/respond", token,
                Map.of("response_type", type, "amount", amount, "quantity", quantity));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().get("id").asText();
    }

    public String product(String seller, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("price", 1_500);
        body.put("stock", 100);
        body.put("category", "perfume");
        body.put("images", List.of("https://cdn.zst.test/" + name.hashCode() + ".jpg"));
        Response created = ApiCalls.post(baseUrl + "/api/v1/products", seller, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** A checkout of one product (a guest's when {@code buyer} is null): the order. */
    public JsonNode order(String buyer, String productId, int quantity) {
        return Shop.orderOf(baseUrl, buyer, productId, quantity);
    }

    public void move(String seller, String orderId, String status) {
        Response moved = ApiCalls.patch(baseUrl + "/api/v1/seller/orders/" + orderId + "/status", seller,
                Map.of("status", status));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
    }
}
