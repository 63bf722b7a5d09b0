package dz.zst.app.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dz.zst.app.config.ProcessingNodes;
import dz.zst.app.config.SegmentShares;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.SecondNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nodes share the processors' segments (config/SegmentShares, ProcessingNodes): two sharing nodes
 * each claim only the segments that fall to them; a node that stops gracefully leaves at once and
 * its segments go to the other, and a node that died without a word stops counting with its claims,
 * after the claim timeout. The shared test node has the share off (the other two-node tests place
 * segments themselves), and so is neither limited nor counted; here it gives its segments up.
 */
class SegmentSharesApiTest extends ApiTestBase {

    private static final String PROCESSOR = "products";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void sharingNodesClaimTheirOwnSegmentsAndALeavingNodesGoToTheOthers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String b = "share-b-" + run;
        // a name for the third node that takes one of the two segments and leaves B the other
        String c = IntStream.range(0, 100).mapToObj(i -> "share-c" + i + "-" + run)
                .filter(name -> share(b, List.of(b, name)) == 1).findFirst().orElseThrow();
        StreamingEventProcessor products = (StreamingEventProcessor) processing.eventProcessor(PROCESSOR).orElseThrow();
        products.processingStatus().keySet().forEach(segment -> products.releaseSegment(segment, 120, TimeUnit.SECONDS));
        try (SecondNode nodeB = new SecondNode(environment, Map.of("zst.node-id", b, "zst.processors.balance", "true"));
             SecondNode nodeC = new SecondNode(environment, Map.of("zst.node-id", c, "zst.processors.balance", "true"))) {
            ProcessingNodes nodes = nodeB.bean(ProcessingNodes.class);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(nodes.liveNodes()).isEqualTo(2));
            assertThat(nodeB.bean(SegmentShares.class).maxSegments(PROCESSOR)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(owners()).containsExactlyInAnyOrder(b, c));
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertThat(owners()).as("one segment each").containsExactlyInAnyOrder(b, c);
            }

            // C stops: its row goes with it, and its segment to B.
            nodeC.close();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(owners()).containsOnly(b));

            // A node that died without a word (a row, no claims) counts until its row is older than
            // the claim timeout (4 s): meanwhile B holds only what falls to it.
            String killed = IntStream.range(0, 100).mapToObj(i -> "killed" + i + "-" + run)
                    .filter(name -> share(b, List.of(b, name)) == 1).findFirst().orElseThrow();
            jdbc.sql("INSERT INTO processing_nodes (owner, seen_at) VALUES (?, now())").param(killed).update();
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(nodes.liveNodes()).isEqualTo(2));
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(owners()).containsOnlyOnce(b).hasSize(2));
            await().atLeast(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(8)).untilAsserted(() ->
                    assertThat(nodes.liveNodes()).isEqualTo(1));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(owners()).containsOnly(b));
        } finally {
            products.processingStatus().keySet().forEach(segment -> products.releaseSegment(segment, 0, TimeUnit.MILLISECONDS));
            for (int segment = 0; segment < 2; segment++) {
                products.releaseSegment(segment, 0, TimeUnit.MILLISECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(owners()).doesNotContainNull());
    }

    @Test
    void theSegmentsOfEveryProcessorAddUpAndALeavingNodeMovesOnlyItsOwn() {
        Map<String, Integer> segments = new HashMap<>();
        for (int i = 0; i < 15; i++) {
            segments.put("processor-" + i, 2);
        }
        List<String> three = List.of("node-a", "node-b", "node-c");
        Map<String, SegmentShares> shares = new HashMap<>();
        for (String node : three) {
            SegmentShares share = new SegmentShares();
            share.update(segments, three, node);
            shares.put(node, share);
        }
        List<Integer> totals = new ArrayList<>();
        for (String node : three) {
            totals.add(segments.keySet().stream().mapToInt(shares.get(node)::maxSegments).sum());
        }
        segments.keySet().forEach(processor -> assertThat(three.stream()
                .mapToInt(node -> shares.get(node).maxSegments(processor)).sum()).as(processor).isEqualTo(2));
        assertThat(totals).as("30 segments over three nodes").allMatch(total -> total >= 5);

        // node-c leaves: a survivor's share of a processor never shrinks (it only gains node-c's)
        List<String> two = List.of("node-a", "node-b");
        for (String node : two) {
            SegmentShares after = new SegmentShares();
            after.update(segments, two, node);
            segments.keySet().forEach(processor -> assertThat(after.maxSegments(processor))
                    .isGreaterThanOrEqualTo(shares.get(node).maxSegments(processor)));
        }
        SegmentShares alone = new SegmentShares();
        alone.update(segments, List.of("node-a"), "node-a");
        assertThat(alone.maxSegments("processor-0")).isEqualTo(2);

        SegmentShares unknown = new SegmentShares();
        assertThat(unknown.maxSegments("processor-0")).as("before the first heartbeat").isEqualTo(Short.MAX_VALUE);
        unknown.update(segments, two, "node-z");
        assertThat(unknown.maxSegments("processor-0")).as("not among the live nodes yet").isEqualTo(Short.MAX_VALUE);
        assertThat(alone.maxSegments("a processor without tokens yet")).isEqualTo(Short.MAX_VALUE);
    }

    private static int share(String node, List<String> nodes) {
        SegmentShares shares = new SegmentShares();
        shares.update(Map.of(PROCESSOR, 2), nodes, node);
        return shares.maxSegments(PROCESSOR);
    }

    private List<String> owners() {
        return jdbc.sql("SELECT owner FROM tokenentry WHERE processorname = ? ORDER BY segment")
                .param(PROCESSOR).query(String.class).list();
    }
}
