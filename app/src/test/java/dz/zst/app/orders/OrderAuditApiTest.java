package dz.zst.app.orders;

import static dz.zst.app.orders.Shop.assertError;
import static dz.zst.app.orders.Shop.checkout;
import static dz.zst.app.orders.Shop.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Auditors read an order's history from the event store, with the actor of every event, and
 * rebuild the order as it stood at any instant (API.md §6 audit).
 */
class OrderAuditApiTest extends ApiTestBase {

    private String url(String path) {
        return baseUrl() + "/api/v1" + path;
    }

    private Response asOf(String id, Instant at, String token) {
        return ApiCalls.get(url("/orders/" + id + "?as_of=" + URLEncoder.encode(at.toString(), StandardCharsets.UTF_8)),
                token);
    }

    @Test
    void historyAndAsOfFollowEveryStatusChangeWithItsActor() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "audit-fou-" + run + "@zst.test", "fournisseur");
        String buyer = TestUsers.signIn(baseUrl(), "audit-buyer-" + run + "@zst.test");
        String stranger = TestUsers.signIn(baseUrl(), "audit-other-" + run + "@zst.test");
        String admin = TestUsers.admin(baseUrl());
        String product = shop.product(seller, "Coffret Audit " + run, 4200, 5);

        // The event store keeps milliseconds: an event of the same millisecond is not before it.
        Instant beforePlacing = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(5);
        String id = shop.placed(buyer, checkout(List.of(item(product, 2)))).get(0).get("id").asText();
        Instant placed = Instant.now();
        shop.moved(seller, id, "confirmed");
        Instant confirmed = Instant.now();
        shop.moved(seller, id, "processing");
        assertThat(shop.status(seller, id, Map.of("status", "shipped", "tracking_number", "YAL-" + run)).status())
                .isEqualTo(200);
        Instant shipped = Instant.now();
        shop.moved(admin, id, "delivered");

        Response history = ApiCalls.get(url("/orders/" + id + "/history"), buyer);
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        assertThat(history.body().get("order_id").asText()).isEqualTo(id);
        JsonNode events = history.body().get("events");
        assertThat(StreamSupport.stream(events.spliterator(), false).map(e -> e.get("type").asText()).toList())
                .containsExactly("OrderPlacedEvent", "OrderConfirmedEvent", "OrderProcessingStartedEvent",
                        "OrderShipmentDetailsChangedEvent", "OrderShippedEvent", "OrderDeliveredEvent", "OrderPaidEvent");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence").asLong()).isEqualTo(i);
            assertThat(Instant.parse(events.get(i).get("at").asText())).isAfterOrEqualTo(beforePlacing);
        }
        assertActor(events.get(0), TestUsers.userId(baseUrl(), buyer), "customer");
        assertActor(events.get(1), TestUsers.userId(baseUrl(), seller), "seller");
        assertActor(events.get(5), TestUsers.userId(baseUrl(), admin), "admin");
        assertActor(events.get(6), TestUsers.userId(baseUrl(), admin), "admin");
        JsonNode placedData = events.get(0).get("data");
        assertThat(placedData.get("order_id").asText()).isEqualTo(id);
        assertThat(placedData.get("items").get(0).get("product_id").asText()).isEqualTo(product);
        assertThat(placedData.get("total").decimalValue()).isEqualByComparingTo("8900");
        assertThat(placedData.has("access_token_hash")).isFalse();
        assertThat(events.get(3).get("data").get("tracking_number").asText()).isEqualTo("YAL-" + run);

        assertThat(ApiCalls.get(url("/orders/" + id + "/history"), seller).status()).isEqualTo(200);
        assertThat(ApiCalls.get(url("/orders/" + id + "/history"), admin).status()).isEqualTo(200);
        assertError(ApiCalls.get(url("/orders/" + id + "/history"), stranger), 404, null);
        assertError(ApiCalls.get(url("/orders/" + id + "/history"), null), 404, null);

        JsonNode atPlacing = asOf(id, placed, buyer).body();
        assertThat(atPlacing.get("status").asText()).isEqualTo("pending");
        assertThat(atPlacing.get("payment_status").asText()).isEqualTo("pending");
        assertThat(atPlacing.get("seller").get("id").asText()).isEqualTo(TestUsers.userId(baseUrl(), seller));
        assertThat(atPlacing.get("seller").get("seller_category").asText()).isEqualTo("fournisseur");
        JsonNode atConfirmation = asOf(id, confirmed, seller).body();
        assertThat(atConfirmation.get("status").asText()).isEqualTo("confirmed");
        assertThat(atConfirmation.get("tracking_number").isNull()).isTrue();
        JsonNode atShipping = asOf(id, shipped, admin).body();
        assertThat(atShipping.get("status").asText()).isEqualTo("shipped");
        assertThat(atShipping.get("tracking_number").asText()).isEqualTo("YAL-" + run);

        JsonNode now = asOf(id, Instant.now(), buyer).body();
        JsonNode current = ApiCalls.get(url("/orders/" + id), buyer).body();
        assertThat(now).as("the fold of every event equals the read model").isEqualTo(current);
        assertThat(current.get("payment_status").asText()).isEqualTo("paid");

        assertError(asOf(id, beforePlacing.minusMillis(1), buyer), 404, null);
        assertError(asOf(id, Instant.now(), stranger), 404, null);
        assertError(ApiCalls.get(url("/orders/" + id + "?as_of=yesterday"), buyer), 400, "as_of");
    }

    @Test
    void guestEventsHaveNoActorAndTheTokenOpensTheHistory() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "audit-guest-fou-" + run + "@zst.test", "fournisseur");
        String product = shop.product(seller, "Guest Audit " + run, 100, 5);
        JsonNode order = shop.placed(null, checkout(List.of(item(product, 1)))).get(0);
        String id = order.get("id").asText();

        Response history = ApiCalls.send("GET", url("/orders/" + id + "/history"), null, null,
                Map.of("X-Order-Token", order.get("access_token").asText()));

        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        assertThat(history.body().get("events").get(0).get("actor").isNull()).isTrue();
        assertThat(history.raw()).doesNotContain("access_token");
    }

    private static void assertActor(JsonNode event, String userId, String role) {
        assertThat(event.get("actor").get("user_id").asText()).isEqualTo(userId);
        assertThat(event.get("actor").get("role").asText()).isEqualTo(role);
    }
}
