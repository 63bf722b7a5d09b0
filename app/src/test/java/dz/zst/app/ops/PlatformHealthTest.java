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

    private ResponseEntity<Map<String, Object>> health(PlatformHealth probes) {
        return new ApiInfoController(probes, realtime, "ZST", "test").health();
    }

    @Test
    void databaseDownIsDegradedWith503() throws SQLException {
        DataSource broken = mock(DataSource.class);
        when(broken.getConnection()).thenThrow(new SQLException("connection refused"));
        try (PlatformHealth probes = new PlatformHealth(broken, redis, Duration.ofSeconds(2))) {
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
        try (PlatformHealth probes = new PlatformHealth(dataSource, broken, Duration.ofSeconds(2))) {
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
        try (PlatformHealth probes = new PlatformHealth(hanging, redis, Duration.ofMillis(300))) {
            long start = System.nanoTime();
            ResponseEntity<Map<String, Object>> response = health(probes);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(response.getStatusCode().value()).isEqualTo(503);
        }
    }
}
