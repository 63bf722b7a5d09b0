package dz.zst.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.reels.ReelKit;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.PoisonedTables;
import dz.zst.app.support.TestUsers;
import dz.zst.app.web.ApiInfoController;
import dz.zst.query.realtime.RealtimeServer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Failure cases of the health route: the probes are built on a broken DataSource or Redis, with
 * the other dependency real, inside the shared application context (no second context).
 */
class PlatformHealthTest extends ApiTestBase {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private RedisConnectionFactory redis;

    @Autowired
    private ObjectProvider<RealtimeServer> realtime;

    @Autowired
    private NodeReadiness readiness;

    @Autowired
    private ProjectionOps projections;

    @Autowired
    private ProcessorHealth processors;

    @Autowired
    private ShutdownDrain drain;

    @Autowired
    private JdbcClient jdbc;

    private ResponseEntity<Map<String, Object>> health(PlatformHealth probes) {
        return new ApiInfoController(probes, realtime, "ZST", "test").health();
    }

    @Test
    void aNodeStillStartingAnswers503StartingUntilItsStartUpTasksAreDone() {
        NodeReadiness starting = new NodeReadiness(projections);
        try (PlatformHealth probes = new PlatformHealth(dataSource, redis, starting, processors, projections, drain, Duration.ofSeconds(2))) {
            assertThat(health(probes).getStatusCode().value()).as("before the application has started").isEqualTo(503);

            starting.hold("demo-data");
            starting.started();
            ResponseEntity<Map<String, Object>> seeding = health(probes);
            assertThat(seeding.getStatusCode().value()).isEqualTo(503);
            assertThat(seeding.getBody()).containsEntry("status", "starting")
                    .containsEntry("database", Map.of("status", "up"));

            starting.release("demo-data");
            ResponseEntity<Map<String, Object>> ready = health(probes);
            assertThat(ready.getStatusCode().value()).isEqualTo(200);
            assertThat(ready.getBody()).containsEntry("status", "ok");
        }
    }

    @Test
    void databaseDownIsDegradedWith503() throws SQLException {
        DataSource broken = mock(DataSource.class);
        when(broken.getConnection()).thenThrow(new SQLException("connection refused"));
        try (PlatformHealth probes = new PlatformHealth(broken, redis, readiness, processors, projections, drain, Duration.ofSeconds(2))) {
            ResponseEntity<Map<String, Object>> response = health(probes);

            assertThat(response.getStatusCode().value()).isEqualTo(503);
            assertThat(response.getBody()).containsEntry("status", "degraded")
                    .containsEntry("database", Map.of("status", "down"))
                    .containsEntry("redis", Map.of("status", "up"));
        }
    }

    @Test
    void redisDownIsDegradedButStillServing() {
        RedisConnectionFactory broken = mock(RedisConnectionFactory.class);
        when(broken.getConnection()).thenThrow(new RedisConnectionFailureException("connection refused"));
        try (PlatformHealth probes = new PlatformHealth(dataSource, broken, readiness, processors, projections, drain, Duration.ofSeconds(2))) {
            ResponseEntity<Map<String, Object>> response = health(probes);

            assertThat(response.getStatusCode().value()).isEqualTo(200);
            assertThat(response.getBody()).containsEntry("status", "degraded")
                    .containsEntry("database", Map.of("status", "up"))
                    .containsEntry("redis", Map.of("status", "down"));
        }
    }

    @Test
    void hangingDependenciesAreReportedDownWithinOneTimeoutForAllProbes() throws SQLException {
        DataSource hanging = mock(DataSource.class);
        when(hanging.getConnection()).thenAnswer(invocation -> {
            Thread.sleep(10_000);
            return null;
        });
        RedisConnectionFactory hangingRedis = mock(RedisConnectionFactory.class);
        when(hangingRedis.getConnection()).thenAnswer(invocation -> {
            Thread.sleep(10_000);
            return null;
        });
        try (PlatformHealth probes = new PlatformHealth(hanging, hangingRedis, readiness, processors, projections, drain,
                Duration.ofMillis(500))) {
            long start = System.nanoTime();
            ResponseEntity<Map<String, Object>> response = health(probes);

            // one 500 ms deadline for every probe, not 500 ms for each in turn
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
            assertThat(response.getStatusCode().value()).isEqualTo(503);
            assertThat(response.getBody()).containsEntry("database", Map.of("status", "down"))
                    .containsEntry("redis", Map.of("status", "down"));
        }
    }

    /**
     * The reels read model's table refuses one reel's like count as a database out of resources
     * would: its batch is retried (never parked), so the processor is in error, and the node says so
     * until the table is cured and the batch commits.
     */
    @Test
    void aProcessorInErrorMakesTheNodeDegradedUntilItFoldsAgain() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ReelKit kit = new ReelKit(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "health-reels-" + run + "@zst.test", "fournisseur");
        String fan = TestUsers.signIn(baseUrl(), "health-fan-" + run + "@zst.test");
        String reelId = kit.reel(seller, "Reel Santé " + run).get("id").asText();
        PoisonedTables.exhaust(jdbc, "reels", "UPDATE",
                "NEW.id = '" + reelId + "'::uuid AND NEW.likes_count > OLD.likes_count");
        CompletableFuture<ApiCalls.Response> like;
        try {
            like = CompletableFuture.supplyAsync(() -> kit.like(fan, reelId));
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                ApiCalls.Response sick = ApiCalls.get(baseUrl() + "/api/health", null);
                assertThat(sick.status()).as(sick.raw()).isEqualTo(503);
                assertThat(sick.body().get("status").asText()).isEqualTo("degraded");
                assertThat(sick.body().get("processors").get("status").asText()).isEqualTo("down");
                assertThat(sick.body().get("processors").get("error")).extracting(JsonNode::asText).contains("reels");
            });
        } finally {
            PoisonedTables.cure(jdbc, "reels");
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ApiCalls.Response healthy = ApiCalls.get(baseUrl() + "/api/health", null);
            assertThat(healthy.status()).as(healthy.raw()).isEqualTo(200);
            assertThat(healthy.body().get("processors").get("status").asText()).isEqualTo("up");
        });
        assertThat(like.join().status()).as("a retried batch is not a lost like").isNotEqualTo(500);
        assertThat(kit.get(null, reelId).body().get("likes_count").asLong()).isEqualTo(1);
    }
}
