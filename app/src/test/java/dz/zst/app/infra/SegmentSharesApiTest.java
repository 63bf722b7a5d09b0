package dz.zst.app.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dz.zst.app.config.ProcessingNodes;
import dz.zst.app.config.SegmentShares;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.SecondNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nodes share each processor's segments (config/SegmentShares, ProcessingNodes): with three nodes
 * and two segments, a node claims one at most, so two nodes fold a processor side by side instead of
 * the first one up holding both; a node that leaves gracefully is no longer counted at once, and a
 * node no longer seen within the claim timeout (killed) stops counting with its claims. The shared
 * test node keeps the share off (the other two-node tests place segments themselves) but is counted.
 */
class SegmentSharesApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ProcessingNodes nodes;

    @Test
    void twoSharingNodesTakeOneSegmentEachAndALeavingNodeStopsCounting() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String b = "share-b-" + run;
        String c = "share-c-" + run;
        StreamingEventProcessor products = (StreamingEventProcessor) processing.eventProcessor("products").orElseThrow();
        try (SecondNode nodeB = new SecondNode(environment, Map.of("zst.node-id", b, "zst.processors.balance", "true"));
             SecondNode nodeC = new SecondNode(environment, Map.of("zst.node-id", c, "zst.processors.balance", "true"))) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(nodeB.bean(ProcessingNodes.class).liveNodes()).isEqualTo(3));
            assertThat(nodeB.bean(SegmentShares.class).maxSegments("products")).isEqualTo(1);
            // The shared node gives its products segments up for a while: the two sharing nodes may
            // take them, one each, never both.
            products.processingStatus().keySet().forEach(segment -> products.releaseSegment(segment, 60, TimeUnit.SECONDS));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(owners()).containsExactlyInAnyOrder(b, c));
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertThat(owners()).as("one segment each").containsExactlyInAnyOrder(b, c);
            }

            // C stops: its row goes with it, and its segment to the shared node (unblocked now).
            nodeC.close();
            for (int segment = 0; segment < 2; segment++) {
                products.releaseSegment(segment, 0, TimeUnit.MILLISECONDS);
            }
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(nodeB.bean(ProcessingNodes.class).liveNodes()).isEqualTo(2));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(owners()).contains(b).doesNotContain(c).doesNotContainNull());

            // A node that died without a word counts until its row is older than the claim timeout (4 s).
            jdbc.sql("INSERT INTO processing_nodes (owner, seen_at) VALUES (?, now())").param("killed-" + run).update();
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(nodes.liveNodes()).isEqualTo(3));
            await().atLeast(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(8)).untilAsserted(() ->
                    assertThat(nodes.liveNodes()).isEqualTo(2));
        } finally {
            for (int segment = 0; segment < 2; segment++) {
                products.releaseSegment(segment, 0, TimeUnit.MILLISECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(nodes.liveNodes()).isEqualTo(1));
    }

    @Test
    void aShareIsTheSegmentsOverTheNodesRoundedUp() {
        SegmentShares shares = new SegmentShares();
        assertThat(shares.maxSegments("products")).as("before the first heartbeat").isEqualTo(Short.MAX_VALUE);
        shares.update(Map.of("products", 2, "orders", 5), 1);
        assertThat(shares.maxSegments("products")).isEqualTo(2);
        shares.update(Map.of("products", 2, "orders", 5), 2);
        assertThat(List.of(shares.maxSegments("products"), shares.maxSegments("orders"))).containsExactly(1, 3);
        shares.update(Map.of("products", 2, "orders", 5), 3);
        assertThat(List.of(shares.maxSegments("products"), shares.maxSegments("orders"))).containsExactly(1, 2);
        assertThat(shares.maxSegments("a processor without tokens yet")).isEqualTo(Short.MAX_VALUE);
        shares.update(Map.of("products", 2), 0);
        assertThat(shares.maxSegments("products")).as("never fewer nodes than this one").isEqualTo(2);
    }

    private List<String> owners() {
        return jdbc.sql("SELECT owner FROM tokenentry WHERE processorname = 'products' ORDER BY segment")
                .query(String.class).list();
    }
}
