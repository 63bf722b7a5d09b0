package dz.zst.app.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dz.zst.app.support.ApiTestBase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node killed with its claims held (kill -9 releases nothing): here a claim written as a dead
 * node's would be. The live node takes the segment over once the claim lapses, after the token
 * store's claim timeout (4 s; Axon's default 10 s made the fault suite's kill take 18 s to recover).
 */
class ClaimTimeoutApiTest extends ApiTestBase {

    private static final String DEAD = "killed-node";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aDeadNodesClaimIsTakenOverOnceItLapses() {
        long start = System.nanoTime();
        int claimed = jdbc.sql("UPDATE tokenentry SET owner = ?, timestamp = ? WHERE processorname = 'products' AND segment = 0")
                .params(DEAD, Instant.now().toString()).update();
        assertThat(claimed).isEqualTo(1);

        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String owner = jdbc.sql("SELECT owner FROM tokenentry WHERE processorname = 'products' AND segment = 0")
                    .query(String.class).single();
            return owner != null && !owner.equals(DEAD);
        });
        Duration takeover = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("a dead node's claim taken over after %d ms%n", takeover.toMillis());
        assertThat(takeover).as("not before the claim lapsed").isGreaterThan(Duration.ofSeconds(3));
    }
}
