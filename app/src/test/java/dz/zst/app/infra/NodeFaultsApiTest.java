package dz.zst.app.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.orders.Shop;
import dz.zst.app.reels.ReelKit;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.PoisonedTables;
import dz.zst.app.support.SecondNode;
import dz.zst.app.support.SegmentClaims;
import dz.zst.app.support.TcpProxy;
import dz.zst.app.support.TestUsers;
import dz.zst.projection.shared.ReadModelGenerations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A second node whose PostgreSQL and Redis are reached through relays the test can cut, as an
 * outage would cut them for that node (the first node, the shared test context, keeps both): without
 * Redis it still serves the catalog, checkouts and likes, and recovers by itself once Redis is back;
 * without the database it answers 503 in the contract's shape, never 500, reports itself degraded,
 * and recovers by itself. A batch of it longer than the claim timeout keeps its segment. Last, its
 * graceful stop releases its segment claims, so the first node takes them at once instead of after
 * the claim timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeFaultsApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private EventProcessingConfiguration processing;

    private TcpProxy database;
    private TcpProxy redis;
    private SecondNode node;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** The second node's name on its segment claims. */
    private final String secondNode = "faults-node-" + run;
    /** Every answer the node gave during an outage: none may be a 500. */
    private final List<Response> answers = new ArrayList<>();

    @BeforeAll
    void startTheNodeBehindRelays() throws IOException {
        String jdbcUrl = environment.getRequiredProperty("spring.datasource.url");
        int databasePort = Integer.parseInt(jdbcUrl.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
        database = new TcpProxy(databasePort);
        redis = new TcpProxy(Integer.parseInt(environment.getRequiredProperty("spring.data.redis.port")));
        node = new SecondNode(environment, Map.of(
                "spring.datasource.url", jdbcUrl.replaceFirst("//[^:/]+:\\d+/", "//127.0.0.1:" + database.port() + "/"),
                "spring.data.redis.port", String.valueOf(redis.port()),
                "zst.node-id", secondNode,
                // a request waits 2 s for a connection of a database that is gone, not the 5 s default
                "spring.datasource.hikari.connection-timeout", "2000",
                // and 3 s for its read model, not 10
                "zst.read-your-writes-timeout", "3s"));
    }

    @AfterAll
    void stop() throws IOException {
        node.close();
        database.close();
        redis.close();
    }

    private Response answered(Response response) {
        answers.add(response);
        return response;
    }

    private Response health() {
        return ApiCalls.get(node.baseUrl() + "/api/health", null);
    }

    @Test
    @Order(1)
    void withoutRedisTheCatalogCheckoutsAndLikesStillAnswerAndItRecoversByItself() throws IOException {
        String url = node.baseUrl();
        String seller = TestUsers.seller(baseUrl(), "redis-out-seller-" + run + "@zst.test", "fournisseur");
        String customer = TestUsers.signIn(baseUrl(), "redis-out-" + run + "@zst.test");
        ReelKit reels = new ReelKit(url);
        String productId = reels.product(seller, "Parfum Panne " + run);
        Response published = reels.publish(seller, ReelKit.reelBody(productId));
        assertThat(published.status()).as(published.raw()).isEqualTo(201);
        String reelId = published.body().get("id").asText();
        assertThat(ApiCalls.get(url + "/api/v1/products/" + productId, null).status()).isEqualTo(200);
        // The seller's dashboard, cached on this node before the outage: none of its orders yet.
        assertThat(ApiCalls.get(url + "/api/v1/seller/stats", seller).body().at("/orders/total").asLong()).isZero();

        redis.cut();
        try {
            long start = System.nanoTime();
            assertThat(answered(ApiCalls.get(url + "/api/v1/products", null)).status()).isEqualTo(200);
            Response product = answered(ApiCalls.get(url + "/api/v1/products/" + productId, customer));
            assertThat(product.status()).as(product.raw()).isEqualTo(200);
            assertThat(product.body().get("stock").asInt()).isEqualTo(10);
            String orderId = Shop.orderOf(url, customer, productId, 2).get("id").asText();
            Response mine = answered(ApiCalls.get(url + "/api/v1/orders/" + orderId, customer));
            assertThat(mine.status()).as(mine.raw()).isEqualTo(200);
            // read-your-writes without Redis: the stock the checkout took is what the catalog shows
            assertThat(answered(ApiCalls.get(url + "/api/v1/products/" + productId, null)).body().get("stock").asInt())
                    .isEqualTo(8);
            Response like = answered(reels.like(customer, reelId));
            assertThat(like.status()).as(like.raw()).isEqualTo(200);
            Response comment = answered(reels.comment(customer, reelId, "Toujours disponible ?"));
            assertThat(comment.status()).as(comment.raw()).isEqualTo(201);
            // Lettuce refuses at once while disconnected: no request waited for Redis's 2 s timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));

            Response degraded = answered(health());
            assertThat(degraded.status()).as("Redis down keeps the node serving").isEqualTo(200);
            assertThat(degraded.body().get("status").asText()).isEqualTo("degraded");
            assertThat(degraded.body().get("redis").get("status").asText()).isEqualTo("down");
            // The dashboard's generations can't be read: its reads render from the rows, never the cache.
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() -> {
                Response stats = answered(ApiCalls.get(url + "/api/v1/seller/stats", seller));
                assertThat(stats.status()).as(stats.raw()).isEqualTo(200);
                assertThat(stats.body().at("/orders/total").asLong()).isEqualTo(1);
            });
        } finally {
            redis.restore();
        }

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Response healthy = health();
            assertThat(healthy.status()).as(healthy.raw()).isEqualTo(200);
            assertThat(healthy.body().get("status").asText()).as(healthy.raw()).isEqualTo("ok");
            assertThat(node.bean(ReadModelGenerations.class).lostBumps()).as("generation bumps kept for Redis's return")
                    .isZero();
        });
        assertThat(answers).extracting(Response::status).doesNotContain(500);
    }

    @Test
    @Order(2)
    void withoutTheDatabaseItAnswers503AndRecoversByItself() throws IOException {
        String url = node.baseUrl();
        String seller = TestUsers.seller(baseUrl(), "db-out-seller-" + run + "@zst.test", "fournisseur");
        String customer = TestUsers.signIn(baseUrl(), "db-out-" + run + "@zst.test");
        String productId = new ReelKit(url).product(seller, "Parfum Coupure " + run);

        database.cut();
        long cut = System.nanoTime();
        try {
            Response checkout = answered(ApiCalls.post(url + "/api/v1/orders", customer,
                    Shop.checkout(List.of(Shop.item(productId, 1)))));
            assertThat(checkout.status()).as(checkout.raw()).isEqualTo(503);
            assertThat(checkout.header("Content-Type")).startsWith("application/problem+json");
            assertThat(checkout.header("Retry-After")).isNotBlank();
            assertThat(checkout.body().get("statusCode").asInt()).isEqualTo(503);
            assertThat(checkout.body().get("status").asInt()).isEqualTo(503);
            // a read nothing has cached yet
            Response search = answered(ApiCalls.get(url + "/api/v1/products?search=coupure-" + run, customer));
            assertThat(search.status()).as(search.raw()).isEqualTo(503);
            // a signed-in user the node has never seen: looked up in the security chain, before MVC
            String stranger = TestUsers.signIn(baseUrl(), "db-out-new-" + run + "@zst.test");
            Response cart = answered(ApiCalls.get(url + "/api/v1/cart", stranger));
            assertThat(cart.status()).as(cart.raw()).isIn(200, 503);

            Response degraded = answered(health());
            assertThat(degraded.status()).isEqualTo(503);
            assertThat(degraded.body().get("status").asText()).isEqualTo("degraded");
            assertThat(degraded.body().get("database").get("status").asText()).isEqualTo("down");
        } finally {
            database.restore();
        }
        long restored = System.nanoTime();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Response healthy = health();
            assertThat(healthy.status()).as(healthy.raw()).isEqualTo(200);
            assertThat(healthy.body().get("status").asText()).as(healthy.raw()).isEqualTo("ok");
        });
        System.out.printf("database cut for %d ms; node healthy again %d ms after its return%n",
                Duration.ofNanos(restored - cut).toMillis(), Duration.ofNanos(System.nanoTime() - restored).toMillis());
        assertThat(Shop.orderOf(url, customer, productId, 1).get("id").asText()).isNotBlank();
        assertThat(answers).extracting(Response::status).doesNotContain(500);
    }

    /**
     * A write whose read model cannot fold it in time (here the reels table refuses its like as a
     * database out of resources would, so the batch is retried on and on) is stored: its writer is
     * told so with a 503 that says not to repeat it, not shown a view without it (nor a 404).
     */
    @Test
    @Order(3)
    void aWriteItsReadModelDoesNotFoldInTimeIsAnswered503SavedNotAStaleView() {
        String seller = TestUsers.seller(baseUrl(), "behind-seller-" + run + "@zst.test", "fournisseur");
        String fan = TestUsers.signIn(baseUrl(), "behind-fan-" + run + "@zst.test");
        ReelKit reels = new ReelKit(node.baseUrl());
        String reelId = reels.reel(seller, "Reel Retard " + run).get("id").asText();
        PoisonedTables.exhaust(jdbc, "reels", "UPDATE",
                "NEW.id = '" + reelId + "'::uuid AND NEW.likes_count > OLD.likes_count");
        try {
            Response like = answered(reels.like(fan, reelId));
            assertThat(like.status()).as(like.raw()).isEqualTo(503);
            assertThat(like.header("Retry-After")).as("not to be repeated").isNull();
            assertThat(like.body().get("message").asText()).contains("saved").contains("Do not repeat");
        } finally {
            PoisonedTables.cure(jdbc, "reels");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(reels.get(null, reelId).body().get("likes_count").asLong()).isEqualTo(1));
    }

    /**
     * A node remembers a batch that failed on it (Axon drops the failed segment's status), so its
     * health says degraded while nobody folds that segment; once another node has claimed the segment
     * and folds it, the failure is no longer this node's to report. The fault suite's PostgreSQL outage
     * had every node that lost a batch report degraded for two minutes after the database was back.
     */
    @Test
    @Order(4)
    void aFailedBatchWhoseSegmentAnotherNodeTookOverLeavesTheNodeHealthy() {
        StreamingEventProcessor reels = firstNodes("reels");
        StreamingEventProcessor secondReels = secondNodes("reels");
        try {
            handToTheSecondNode("reels");
            aFailedBatchIsForgottenOnceTheFirstNodeFoldsIt(reels, secondReels);
        } finally {
            SegmentClaims.unbar(jdbc, reels, "reels");
            SegmentClaims.unbar(jdbc, secondReels, "reels");
        }
    }

    private void aFailedBatchIsForgottenOnceTheFirstNodeFoldsIt(StreamingEventProcessor reels,
                                                                StreamingEventProcessor secondReels) {
        String seller = TestUsers.seller(baseUrl(), "taken-seller-" + run + "@zst.test", "fournisseur");
        String fan = TestUsers.signIn(baseUrl(), "taken-fan-" + run + "@zst.test");
        ReelKit kit = new ReelKit(baseUrl());
        String reelId = kit.reel(seller, "Reel Reprise " + run).get("id").asText();
        PoisonedTables.exhaust(jdbc, "reels", "UPDATE",
                "NEW.id = '" + reelId + "'::uuid AND NEW.likes_count > OLD.likes_count");
        try {
            CompletableFuture.runAsync(() -> kit.like(fan, reelId));
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(health().body().get("processors").get("error")).extracting(JsonNode::asText)
                            .contains("reels"));
            // The first node takes the segments over (the second gives them up for a minute)...
            SegmentClaims.bar(jdbc, secondReels, "reels", Duration.ofSeconds(60));
            SegmentClaims.unbar(jdbc, reels, "reels");
            // Given up, not yet taken: while the table refuses the like, the first node's batch fails
            // too and its work package lets the segment go, over and over.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(owners("reels")).noneMatch(secondNode::equals));
        } finally {
            PoisonedTables.cure(jdbc, "reels");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(owners("reels")).allMatch(owner -> owner != null && !owner.equals(secondNode)));
        // ...and folds the like there: the second node's failure is no longer its own to report.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kit.get(null, reelId).body().get("likes_count").asLong()).isEqualTo(1));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Response healthy = health();
            assertThat(healthy.status()).as(healthy.raw()).isEqualTo(200);
            assertThat(healthy.body().get("processors").get("error")).isEmpty();
        });
    }

    /**
     * A batch that takes longer than the claim timeout (4 s) keeps its segment: the node is alive,
     * only busy. The fault suite's survivors of a kill stole each other's freshly taken segments
     * while catching up, and each steal failed a batch that was then retried event by event.
     */
    @Test
    @Order(5)
    void aBatchLongerThanTheClaimTimeoutKeepsItsSegment() throws InterruptedException {
        StreamingEventProcessor reels = firstNodes("reels");
        try {
            handToTheSecondNode("reels");
            // The first node may claim any segment whose claim has lapsed from now on.
            SegmentClaims.unbar(jdbc, reels, "reels");
            aSixSecondBatchOfTheSecondNodeKeepsItsSegments();
        } finally {
            SegmentClaims.unbar(jdbc, reels, "reels");
            SegmentClaims.unbar(jdbc, secondNodes("reels"), "reels");
        }
    }

    private void aSixSecondBatchOfTheSecondNodeKeepsItsSegments() throws InterruptedException {
        String seller = TestUsers.seller(baseUrl(), "slow-seller-" + run + "@zst.test", "fournisseur");
        String fan = TestUsers.signIn(baseUrl(), "slow-fan-" + run + "@zst.test");
        ReelKit kit = new ReelKit(baseUrl());
        String reelId = kit.reel(seller, "Reel Lent " + run).get("id").asText();
        // The segment the like's batch runs in: the reels group is sequenced by reel (ReelSequence),
        // and Axon's Segment.matches takes the sequence's hash under the segments' mask. The other,
        // idle segment is not this test's: its claim is extended only when its worker runs, and it
        // may lapse meanwhile (seen once in a full run: the first node took it).
        int busy = UUID.fromString(reelId).hashCode() & (owners("reels").size() - 1);
        PoisonedTables.slow(jdbc, "reels", "UPDATE",
                "NEW.id = '" + reelId + "'::uuid AND NEW.likes_count > OLD.likes_count", 6);
        try {
            CompletableFuture<Response> like = CompletableFuture.supplyAsync(() -> kit.like(fan, reelId));
            long until = System.nanoTime() + Duration.ofSeconds(7).toNanos();
            while (System.nanoTime() < until && !like.isDone()) {
                assertThat(owners("reels").get(busy)).as("the reels segment whose batch takes 6 s")
                        .isEqualTo(secondNode);
                Thread.sleep(100);
            }
            Response liked = like.join();
            assertThat(liked.status()).as(liked.raw()).isEqualTo(200);
            assertThat(liked.body().get("likesCount").asLong()).isEqualTo(1);
        } finally {
            PoisonedTables.cure(jdbc, "reels");
        }
        assertThat(owners("reels").get(busy)).isEqualTo(secondNode);
        assertThat(health().body().get("processors").get("error")).as("no batch of the second node failed").isEmpty();
    }

    @Test
    @Order(6)
    void aGracefulStopReleasesItsClaimsSoTheOtherNodeTakesThemAtOnce() {
        // The first node gives the products segments up, so the second one claims them...
        try {
            handToTheSecondNode("products");
        } finally {
            // ...and may take them back as soon as they are free.
            SegmentClaims.unbar(jdbc, firstNodes("products"), "products");
        }

        long stopping = System.nanoTime();
        node.close();
        long stopped = System.nanoTime();
        // Axon's claim timeout is 10 s: a node that died without releasing would hold them that long.
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(owners()).allMatch(owner -> owner != null && !owner.equals(secondNode)));
        System.out.printf("second node stopped in %d ms; its products segments taken over %d ms after%n",
                Duration.ofNanos(stopped - stopping).toMillis(), Duration.ofNanos(System.nanoTime() - stopped).toMillis());
    }

    private StreamingEventProcessor firstNodes(String processor) {
        return (StreamingEventProcessor) processing.eventProcessor(processor).orElseThrow();
    }

    private StreamingEventProcessor secondNodes(String processor) {
        return (StreamingEventProcessor) node.bean(EventProcessingConfiguration.class).eventProcessor(processor)
                .orElseThrow();
    }

    /**
     * Bars the first node from every segment of {@code processor} for a minute, so that the second
     * node claims them all ({@link SegmentClaims#bar}). The second node's coordinator
     * is restarted if it is backing off: a failure in the database cut of an earlier test leaves it
     * waiting up to a minute between claim attempts (Axon 4.13.0 resets its back-off only once it
     * holds a segment; see ProcessorHealth), longer than the claim takes a healthy one.
     */
    private void handToTheSecondNode(String processor) {
        StreamingEventProcessor second = secondNodes(processor);
        if (second.isError()) {
            second.shutDown();
            second.start();
        }
        SegmentClaims.bar(jdbc, firstNodes(processor), processor, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(owners(processor)).isNotEmpty().allMatch(secondNode::equals));
    }

    private List<String> owners() {
        return owners("products");
    }

    private List<String> owners(String processor) {
        return SegmentClaims.owners(jdbc, processor);
    }
}
