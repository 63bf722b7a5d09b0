package dz.zst.app.orders;

import static dz.zst.app.orders.Shop.checkout;
import static dz.zst.app.orders.Shop.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.PoisonedTables;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One order the orders read model cannot store must not stop it. The fault is a real failing
 * statement: a trigger on the orders table raises PostgreSQL's numeric_value_out_of_range (what an
 * overflowing total did) for customers named "Poison…", so the handler's INSERT fails inside the
 * batch's transaction, as it did in production, and aborts it.
 */
class OrderDeadLetterApiTest extends ApiTestBase {

    private static final String ORDERS_ROWS = "SELECT id, order_number, checkout_id, user_id, seller_id, customer_name,"
            + " customer_phone, subtotal, shipping_cost, total, status, payment_status, payment_method, notes,"
            + " items::text AS items, created_at, updated_at, version FROM orders WHERE seller_id = ?::uuid"
            + " ORDER BY id";

    private record Timed(Response response, Duration elapsed) {
    }

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    private void poison(String namePrefix) {
        PoisonedTables.poison(jdbc, "orders", "INSERT OR UPDATE", "NEW.customer_name LIKE '" + namePrefix + "%'",
                "poisoned order");
    }

    @AfterEach
    void cure() {
        PoisonedTables.cure(jdbc, "orders");
    }

    /**
     * The seller's orders rows: other tests' orders may change with a rebuild (an evicted letter is
     * folded again). Without the position column: checkouts placed at once commit out of index
     * order, and a live processor folds an event that fills such a gap at its token's index, a
     * rebuild at the event's own (ReelDeadLetterApiTest says more).
     */
    private List<Map<String, Object>> rows(String sellerId) {
        return jdbc.sql(ORDERS_ROWS).param(sellerId).query().listOfRows();
    }

    private String id(String token) {
        return ApiCalls.get(baseUrl() + "/api/v1/auth/me", token).body().get("id").asText();
    }

    /** A guest checkout of {@code quantity} units in {@code customerName}'s name (a poison name picks the order). */
    private static Map<String, Object> checkoutBy(String customerName, String product, int quantity) {
        Map<String, Object> body = new LinkedHashMap<>(checkout(List.of(item(product, quantity))));
        body.put("customer_name", customerName);
        return body;
    }

    private JsonNode deadLetters(String admin) {
        return PoisonedTables.deadLetters(baseUrl(), admin, "orders");
    }

    private double deadLetteredWrites() {
        var counter = meters.find("zst.read_your_writes.dead_lettered").tag("read_model", "orders").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aPoisonOrderIsParkedAloneItsWriterIsAnsweredAtOnceAndARetryAfterTheFixFoldsIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "dlq-seller-" + run + "@zst.test", "fournisseur");
        String admin = TestUsers.admin(baseUrl());
        String product = shop.product(seller, "Huile Lettre Morte " + run, 900, 1000);
        String poisonName = "Poison " + run;
        poison(poisonName);
        double deadLetteredBefore = deadLetteredWrites();

        // Eight checkouts at once, one of them poison: the others share its batches and segment.
        ExecutorService buyers = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Timed>> placed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Object> body = i == 3 ? checkoutBy(poisonName, product, 1 + i)
                    : checkout(List.of(item(product, 1 + i)));
            placed.add(CompletableFuture.supplyAsync(() -> {
                long started = System.nanoTime();
                Response response = shop.place(null, body);
                return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
            }, buyers));
        }
        List<String> healthy = new ArrayList<>();
        Timed poisoned = null;
        for (int i = 0; i < placed.size(); i++) {
            Timed timed = placed.get(i).join();
            Response response = timed.response();
            if (i == 3) {
                poisoned = timed;
            } else {
                assertThat(response.status()).as(response.raw()).isEqualTo(201);
                healthy.add(response.body().get("orders").get(0).get("id").asText());
            }
        }
        buyers.shutdown();

        // The poison checkout is stored, and its writer is told so at once, not after 10 s.
        assertThat(poisoned.response().status()).as(poisoned.response().raw()).isEqualTo(503);
        assertThat(poisoned.response().body().get("message").asText()).contains("saved").contains("Do not repeat");
        System.out.printf("poison checkout answered 503 in %d ms%n", poisoned.elapsed().toMillis());
        assertThat(poisoned.elapsed()).isLessThan(Duration.ofSeconds(5));
        assertThat(deadLetteredWrites()).isEqualTo(deadLetteredBefore + 1);
        JsonNode letters = deadLetters(admin);
        assertThat(letters).hasSize(1);
        String poisonOrder = letters.get(0).get("aggregate_id").asText();
        assertThat(letters.get(0).get("event_type").asText()).isEqualTo("OrderEvents.OrderPlacedEvent");
        assertThat(letters.get(0).get("cause_message").asText()).contains("poisoned order");
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(poisonOrder).query(Long.class).single()).as("the poison order is in the event store").isOne();

        // Every other order is read back, and the read model goes on with new writes.
        for (String id : healthy) {
            assertThat(ApiCalls.get(baseUrl() + "/api/v1/orders/" + id, seller).status()).isEqualTo(200);
            shop.moved(seller, id, "confirmed");
        }
        String later = shop.placed(null, checkout(List.of(item(product, 2)))).get(0).get("id").asText();
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/orders/" + later, seller).status()).isEqualTo(200);

        // The poison order's next event joins its parked sequence; its writer too is answered at once.
        Response confirm = shop.status(seller, poisonOrder, Map.of("status", "confirmed"));
        assertThat(confirm.status()).as(confirm.raw()).isEqualTo(503);
        // Answered as soon as its order's sequence is known to be parked, a moment before the event joins it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deadLetters(admin)).hasSize(2));
        assertThat(ProjectionReplays.status(baseUrl(), admin, "orders").get("dead_letters").asLong()).isEqualTo(2);

        // The fault fixed, a retry folds the sequence in order: the same rows as a clean rebuild.
        cure();
        assertThat(PoisonedTables.retried(baseUrl(), admin, "orders").get("folded").asLong()).isEqualTo(1);
        assertThat(deadLetters(admin)).isEmpty();
        JsonNode order = ApiCalls.get(baseUrl() + "/api/v1/orders/" + poisonOrder, seller).body();
        assertThat(order.get("status").asText()).isEqualTo("confirmed");
        assertThat(order.get("customer_name").asText()).isEqualTo(poisonName);

        String sellerId = id(seller);
        List<Map<String, Object>> retriedRows = rows(sellerId);
        ProjectionReplays.replay(baseUrl(), admin, "orders");
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "orders", () -> rows(sellerId), retriedRows, () -> { });
    }

    @Test
    void aReplayThatMeetsAPoisonEventParksItAndReportsItAndTheOtherRowsAreRebuiltExactly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "dlq-replay-" + run + "@zst.test", "fournisseur");
        String admin = TestUsers.admin(baseUrl());
        String product = shop.product(seller, "Savon Rejeu " + run, 300, 1000);
        String poisonName = "Poison Rejeu " + run;
        Map<String, Object> poisonBody = checkoutBy(poisonName, product, 2);
        String poisonOrder = shop.placed(null, poisonBody).get(0).get("id").asText();
        shop.moved(seller, poisonOrder, "confirmed");
        shop.moved(seller, poisonOrder, "processing");
        for (int i = 0; i < 5; i++) {
            String id = shop.placed(null, checkout(List.of(item(product, 1)))).get(0).get("id").asText();
            shop.moved(seller, id, "confirmed");
        }
        String sellerId = id(seller);
        List<Map<String, Object>> clean = rows(sellerId);

        // The fault appears after the fact (a new constraint, a broken migration); then ops rebuild.
        poison(poisonName);
        ProjectionReplays.replay(baseUrl(), admin, "orders");
        List<Map<String, Object>> withoutPoison = clean.stream()
                .filter(row -> !row.get("id").toString().equals(poisonOrder)).toList();
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "orders", () -> rows(sellerId), withoutPoison, () -> { });

        // The replay reports what it could not fold: the poison order's whole history, parked.
        JsonNode letters = deadLetters(admin);
        assertThat(letters).hasSize(3);
        letters.forEach(letter -> assertThat(letter.get("aggregate_id").asText()).isEqualTo(poisonOrder));
        assertThat(ProjectionReplays.status(baseUrl(), admin, "orders").get("dead_letters").asLong()).isEqualTo(3);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/orders/" + poisonOrder, seller).status()).isEqualTo(404);

        // Fixed and retried: the very rows of before the rebuild.
        cure();
        PoisonedTables.retried(baseUrl(), admin, "orders");
        assertThat(rows(sellerId)).isEqualTo(clean);
        assertThat(deadLetters(admin)).isEmpty();
    }

    @Test
    void opsCanEvictOneDeadLetterAndOnlyAdminsSeeThem() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "dlq-evict-" + run + "@zst.test", "fournisseur");
        String admin = TestUsers.admin(baseUrl());
        String product = shop.product(seller, "Miel Evince " + run, 1200, 100);
        String poisonName = "Poison Evict " + run;
        poison(poisonName);
        Map<String, Object> body = checkoutBy(poisonName, product, 1);
        assertThat(shop.place(null, body).status()).isEqualTo(503);

        assertThat(ApiCalls.get(baseUrl() + "/api/v1/admin/projections/orders/dead-letters", seller).status())
                .isEqualTo(403);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/admin/projections/orders/dead-letters", null).status())
                .isEqualTo(401);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/admin/projections/nope/dead-letters", admin).status())
                .isEqualTo(404);
        assertThat(ApiCalls.delete(baseUrl() + "/api/v1/admin/projections/orders/dead-letters/" + UUID.randomUUID(),
                admin).status()).isEqualTo(404);

        JsonNode letters = deadLetters(admin);
        assertThat(letters).hasSize(1);
        Response evicted = ApiCalls.delete(baseUrl() + "/api/v1/admin/projections/orders/dead-letters/"
                + letters.get(0).get("id").asText(), admin);
        assertThat(evicted.status()).as(evicted.raw()).isEqualTo(204);
        assertThat(deadLetters(admin)).isEmpty();
    }
}
