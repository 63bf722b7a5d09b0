package dz.zst.app.orders;

import static dz.zst.app.orders.Shop.checkout;
import static dz.zst.app.orders.Shop.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.TwoNodeApiTestBase;
import dz.zst.app.support.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No overselling under concurrency, from two nodes sharing the database: 200 simultaneous
 * checkouts of one unit against a stock of 50, a quarter of them also taking a second product,
 * sent alternately to two app nodes. Exactly the stock is sold, the rest is refused naming the
 * product, and event store, read models and orders agree afterwards.
 */
class CheckoutConcurrencyTest extends TwoNodeApiTestBase {

    private static final int CHECKOUTS = 200;
    private static final int STOCK = 50;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void exactlyTheStockIsSoldAndEverythingAgrees() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "conc-a-" + run + "@zst.test", "fournisseur");
        String otherSeller = TestUsers.seller(baseUrl(), "conc-b-" + run + "@zst.test", "fournisseur");
        String scarce = shop.product(seller, "Edition Limitée " + run, 1000, STOCK);
        String plenty = shop.product(otherSeller, "Recharge " + run, 100, 1000);
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            buyers.add(TestUsers.signIn(baseUrl(), "conc-buyer" + i + "-" + run + "@zst.test"));
        }
        List<String> nodes = List.of(baseUrl(), second.baseUrl());

        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        for (int i = 0; i < CHECKOUTS; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                List<Map<String, Object>> items = n % 4 == 0 ? List.of(item(plenty, 1), item(scarce, 1))
                        : List.of(item(scarce, 1));
                String token = n % 5 == 0 ? null : buyers.get(n % buyers.size());
                start.await();
                return ApiCalls.post(nodes.get(n % 2) + "/api/v1/orders", token, checkout(items));
            }));
        }
        start.countDown();
        int accepted = 0;
        int refused = 0;
        int plentyAccepted = 0;
        for (int i = 0; i < CHECKOUTS; i++) {
            Response response = results.get(i).get();
            if (response.status() == 201) {
                accepted++;
                plentyAccepted += i % 4 == 0 ? 1 : 0;
            } else {
                assertThat(response.status()).as(response.raw()).isEqualTo(400);
                assertThat(response.body().get("message").asText()).contains("Edition Limitée " + run);
                refused++;
            }
        }
        pool.shutdown();

        assertThat(accepted).isEqualTo(STOCK);
        assertThat(refused).isEqualTo(CHECKOUTS - STOCK);
        for (String node : nodes) {
            JsonNode product = ApiCalls.get(node + "/api/v1/products/" + scarce, null).body();
            assertThat(product.get("stock").asInt()).isZero();
            assertThat(product.get("in_stock").asBoolean()).isFalse();
            assertThat(ApiCalls.get(node + "/api/v1/products/" + plenty, null).body().get("stock").asInt())
                    .isEqualTo(1000 - plentyAccepted);
        }
        Integer reservedInStore = jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%StockReservedEvent'").param(scarce).query(Integer.class).single();
        assertThat(reservedInStore).isEqualTo(STOCK);
        Integer soldInOrders = jdbc.sql("SELECT coalesce(sum((i->>'quantity')::int), 0) FROM orders, "
                + "jsonb_array_elements(items) i WHERE i->>'productId' = ?").param(scarce).query(Integer.class).single();
        assertThat(soldInOrders).isEqualTo(STOCK);
        Integer ordersOfPlenty = jdbc.sql("SELECT count(*) FROM orders, jsonb_array_elements(items) i "
                + "WHERE i->>'productId' = ?").param(plenty).query(Integer.class).single();
        assertThat(ordersOfPlenty).isEqualTo(plentyAccepted);
        JsonNode sellerOrders = ApiCalls.get(baseUrl() + "/api/v1/seller/orders?limit=100", seller).body();
        assertThat(sellerOrders.get("meta").get("total").asInt()).isEqualTo(STOCK);
        assertThat(StreamSupport.stream(sellerOrders.get("data").spliterator(), false)
                .mapToInt(o -> o.get("items").get(0).get("quantity").asInt()).sum()).isEqualTo(STOCK);
    }

    /**
     * A node's cached copy of a product goes stale when another node moves it. Here node A sells
     * the last unit (its copy says 0 left), node B cancels that order (the store says 1 again), and
     * the next checkout on A must be served from the store's state, not refused on its copy's.
     */
    @Test
    void aNodeServesStockThatAnotherNodeGaveBack() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Shop onA = new Shop(baseUrl());
        Shop onB = new Shop(second.baseUrl());
        String seller = TestUsers.seller(baseUrl(), "stale-s-" + run + "@zst.test", "fournisseur");
        String buyer = TestUsers.signIn(baseUrl(), "stale-b-" + run + "@zst.test");
        String last = onA.product(seller, "Dernier Flacon " + run, 900, 1);
        String first = onA.placed(buyer, checkout(List.of(item(last, 1)))).get(0).get("id").asText();

        Response cancelled = ApiCalls.post(second.baseUrl() + "/api/v1/orders/" + first + "/cancel", buyer, null);
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(onB.stock(last)).isEqualTo(1);

        Response again = onA.place(buyer, checkout(List.of(item(last, 1))));
        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(onA.stock(last)).isZero();
        assertThat(onB.stock(last)).isZero();
    }
}
