package dz.zst.app.config;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How many segments of each processor this node may claim. Axon's pooled processor asks on every
 * pass of its coordinator ({@code maxSegmentProvider}), claims no more and releases any surplus.
 *
 * <p>Each segment of each processor goes to one of the live nodes ({@link ProcessingNodes}) by
 * rendezvous hashing: the node whose hash with the segment is highest. Every node computes the same
 * answer from the same rows, the counts add up to each processor's segments, and when a node joins
 * or leaves only the segments it gains or had move; the others stay where they are (a node's loss
 * does not reshuffle its survivors' segments in the middle of their catch-up). A node may be given
 * none of a processor's segments. With two segments per processor and three nodes, sharing by
 * processor alone (segments over nodes, rounded up) had left the third node with nothing.
 *
 * <p>Why: the first node up claimed every segment and kept them, so a kill of that node stopped
 * every read model and every push at once, and its survivors started cold. Until the counts are
 * known (the node's first heartbeat), or for a processor without tokens yet, there is no limit.
 */
public final class SegmentShares {

    private volatile Map<String, Integer> shares = Map.of();
    private volatile int nodes = 1;

    public int maxSegments(String processor) {
        return shares.getOrDefault(processor, (int) Short.MAX_VALUE);
    }

    /**
     * The segments of each processor in the token store, and the names of the live nodes. Without
     * this node among them (its row not written yet) nothing is limited.
     */
    public void update(Map<String, Integer> segmentsByProcessor, List<String> liveNodes, String self) {
        if (!liveNodes.contains(self)) {
            shares = Map.of();
            nodes = Math.max(1, liveNodes.size());
            return;
        }
        Map<String, Integer> mine = new HashMap<>();
        segmentsByProcessor.forEach((processor, segments) -> {
            int count = 0;
            for (int segment = 0; segment < segments; segment++) {
                if (self.equals(owner(processor, segment, liveNodes))) {
                    count++;
                }
            }
            mine.put(processor, count);
        });
        shares = Map.copyOf(mine);
        nodes = liveNodes.size();
    }

    /** The node a segment goes to: the highest hash of node and segment. */
    static String owner(String processor, int segment, List<String> nodes) {
        String best = null;
        long bestWeight = Long.MIN_VALUE;
        for (String node : nodes) {
            long weight = weight(node, processor, segment);
            if (best == null || weight > bestWeight || weight == bestWeight && node.compareTo(best) < 0) {
                best = node;
                bestWeight = weight;
            }
        }
        return best;
    }

    private static long weight(String node, String processor, int segment) {
        byte[] key = (node + '\n' + processor + '\n' + segment).getBytes(StandardCharsets.UTF_8);
        UUID digest = UUID.nameUUIDFromBytes(key);
        return digest.getMostSignificantBits() ^ digest.getLeastSignificantBits();
    }

    int nodes() {
        return nodes;
    }
}
