package dz.zst.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dz.zst.app.support.ApiTestBase;
import dz.zst.app.web.ApiInfoController;
import dz.zst.query.realtime.RealtimeServer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.ResponseEntity;

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

    private ResponseEntity<Map<String, Object>> health(PlatformHealth probes) {
        return new ApiInfoController(probes, realtime, "ZST", "test").health();
    }

    @Test
    void aNodeStillStartingAnswers503StartingUntilItsStartUpTasksAreDone() {
        NodeReadiness starting = new NodeReadiness(projections);
        try (PlatformHealth probes = new PlatformHealth(dataSource, redis, starting, Duration.ofSeconds(2))) {
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
        try (PlatformHealth probes = new PlatformHealth(broken, redis, readiness, Duration.ofSeconds(2))) {
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
        try (PlatformHealth probes = new PlatformHealth(dataSource, broken, readiness, Duration.ofSeconds(2))) {
            ResponseEntity<Map<String, Object>> response = health(probes);

            assertThat(response.getStatusCode().value()).isEqualTo(200);
            assertThat(response.getBody()).containsEntry("status", "degraded")
                    .containsEntry("database", Map.of("status", "up"))
                    .containsEntry("redis", Map.of("status", "down"));
        }
    }

    @Test
    void aHangingDatabaseIsReportedDownWithinTheTimeout() throws SQLException {
        DataSource hanging = mock(DataSource.class);
        when(hanging.getConnection()).thenAnswer(invocation -> {
            Thread.sleep(10_000);
            return null;
        });
        try (PlatformHealth probes = new PlatformHealth(hanging, redis, readiness, Duration.ofMillis(300))) {
            long start = System.nanoTime();
            ResponseEntity<Map<String, Object>> response = health(probes);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(response.getStatusCode().value()).isEqualTo(503);
        }
    }
}
