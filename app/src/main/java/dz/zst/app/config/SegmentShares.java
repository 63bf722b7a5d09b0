package dz.zst.app.config;

import java.util.Map;

/**
 * How many segments of each processor this node may claim: its fair share, the processor's segments
 * over the nodes that fold events, rounded up ({@link ProcessingNodes} keeps both counts). Axon's
 * pooled processor asks on every pass of its coordinator ({@code maxSegmentProvider}), claims no
 * more and releases any surplus, so a node that joins gets its share from the others within a
 * second or two, and one that leaves (stopped, or killed and aged out) gives the others a larger one.
 *
 * <p>Why: the first node up claimed every segment and kept them, so a kill of that node stopped
 * every read model and every push at once, and its survivors started cold. Until the counts are
 * known (the node's first heartbeat), or for a processor without tokens yet, there is no limit.
 */
public final class SegmentShares {

    private volatile Map<String, Integer> segments = Map.of();
    private volatile int nodes = 1;

    /** At least one: Axon refuses a processor whose provider answers zero. */
    public int maxSegments(String processor) {
        Integer count = segments.get(processor);
        if (count == null) {
            return Short.MAX_VALUE;
        }
        return Math.max(1, (count + nodes - 1) / nodes);
    }

    /** The segments of each processor in the token store, and the live nodes (this one included). */
    public void update(Map<String, Integer> segmentsByProcessor, int liveNodes) {
        this.segments = Map.copyOf(segmentsByProcessor);
        this.nodes = Math.max(1, liveNodes);
    }

    int nodes() {
        return nodes;
    }
}
