package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.SecondNode;
import dz.zst.app.support.TestUsers;
import dz.zst.query.realtime.RealtimeServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code seller:stats {stats}} (API.md §11) to a seller's subscribed socket whenever its dashboard
 * figures change, at most once a second: a burst of orders is one push per second at most, the last
 * with the final figures; another seller's socket gets none of it; a socket on another node gets it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeSellerStatsApiTest extends ApiTestBase {

    private static final int BURST = 50;

    @Autowired
    private RealtimeServer realtime;

    private final RealtimeClients clients = new RealtimeClients();

    @AfterAll
    void closeClients() {
        clients.close();
    }

    private static JsonNode json(String text) {
        try {
            return ApiCalls.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private TestSocket subscribed(String sellerToken) {
        TestSocket socket = clients.signedIn(realtime.port(), sellerToken);
        socket.request("seller:subscribe", null);
        return socket;
    }

    @Test
    void aChangePushesTheSellersStats() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "stats-push-" + run + "@zst.test", "fournisseur");
        TestSocket socket = subscribed(seller);
        Orders orders = new Orders(baseUrl(), seller, "Stats " + run);

        JsonNode created = socket.next("seller:stats").get("stats");
        assertThat(created.get("products")).isEqualTo(json("{\"total\":1,\"active\":1,\"outOfStock\":0}"));
        orders.place(null);

        JsonNode stats = socket.next("seller:stats").get("stats");
        assertThat(stats.get("orders")).isEqualTo(json("{\"total\":1,\"pending\":1}"));
        assertThat(stats.get("revenue").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("total", "monthly", "avgOrderValue");
        assertThat(stats.get("reels")).isEqualTo(json("{\"total\":0,\"totalViews\":0}"));
    }

    @Test
    void aSocketOnAnotherNodeGetsThePush() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "stats-node-" + run + "@zst.test", "fournisseur");
        Orders orders = new Orders(baseUrl(), seller, "Noeud " + run);
        try (SecondNode nodeB = new SecondNode(environment); RealtimeClients remote = new RealtimeClients()) {
            TestSocket onB = remote.signedIn(nodeB.bean(RealtimeServer.class).port(), seller);
            onB.request("seller:subscribe", null);

            orders.place(null);

            JsonNode stats;
            do {
                JsonNode push = onB.poll("seller:stats", 10_000);
                assertThat(push).as("seller:stats on the other node").isNotNull();
                stats = push.get("stats");
            } while (stats.get("orders").get("total").asLong() < 1);
            assertThat(stats.get("orders")).isEqualTo(json("{\"total\":1,\"pending\":1}"));
        }
    }

    @Test
    void aBurstOfOrdersIsAtMostOnePushASecondEndingWithTheFinalFigures() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "stats-burst-" + run + "@zst.test", "fournisseur");
        String other = TestUsers.seller(baseUrl(), "stats-other-" + run + "@zst.test", "fournisseur");
        TestSocket socket = subscribed(seller);
        TestSocket otherSocket = subscribed(other);
        Orders orders = new Orders(baseUrl(), seller, "Rafale " + run);
        // The product's own push, once its window is over, so the burst starts on a quiet seller.
        socket.next("seller:stats");
        assertThat(socket.poll("seller:stats", 1_500)).isNull();

        ExecutorService buyers = Executors.newFixedThreadPool(10);
        long started = System.nanoTime();
        List<CompletableFuture<JsonNode>> placed = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            placed.add(CompletableFuture.supplyAsync(() -> orders.place(null), buyers));
        }
        List<Long> arrivals = new ArrayList<>();
        JsonNode last = null;
        while (last == null || last.get("orders").get("total").asLong() < BURST) {
            JsonNode push = socket.poll("seller:stats", 10_000);
            assertThat(push).as("seller:stats until the final figures").isNotNull();
            arrivals.add(System.nanoTime());
            last = push.get("stats");
        }
        CompletableFuture.allOf(placed.toArray(CompletableFuture[]::new)).join();
        long burstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        buyers.shutdown();

        assertThat(last.get("orders")).isEqualTo(json("{\"total\":" + BURST + ",\"pending\":" + BURST + "}"));
        assertThat(socket.poll("seller:stats", 1_500)).as("nothing after the final figures").isNull();
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - arrivals.get(i - 1)))
                    .as("pushes a second apart").isGreaterThanOrEqualTo(900);
        }
        assertThat(arrivals.size()).as("pushes for a burst of %d ms", burstMillis)
                .isLessThanOrEqualTo((int) (burstMillis / 1000) + 2);
        assertThat(otherSocket.pending("seller:stats")).isZero();
    }
}
