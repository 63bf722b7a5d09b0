package dz.zst.app.config;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Which segments of each processor a node folds, among the live nodes ({@link ProcessingNodes}):
 * each segment goes to the node whose hash with it is highest (rendezvous hashing). Every node
 * computes the same answer from the same rows, each segment has exactly one node, and when a node
 * joins or leaves only the segments it gains or had move; the others stay where they are (a node's
 * loss does not reshuffle its survivors' segments in the middle of their catch-up).
 *
 * <p>A segment is hashed under the group whose folds its processor waits for ({@code follows}: a
 * push group's read model group), so a push segment runs where the read model's same-numbered
 * segment does (both use the aggregate's sequence, so an event has the same segment number in both).
 * A push segment queues every later event behind its first unfolded one: the kill's survivors held
 * the pushes of every reel while any of the four reel segments was being taken over.
 *
 * <p>Why at all: the first node up claimed every segment and kept them, so a kill of that node
 * stopped every read model and every push at once, and its survivors started cold.
 */
public final class SegmentShares {

    private final UnaryOperator<String> follows;

    public SegmentShares() {
        this(UnaryOperator.identity());
    }

    /** {@code follows}: the group a processor's segments are placed with (itself, mostly). */
    public SegmentShares(UnaryOperator<String> follows) {
        this.follows = follows;
    }

    /**
     * This node's segments of each processor ({@code segments}: each processor's segment ids in the
     * token store), among {@code liveNodes}, which include {@code self}.
     */
    public Map<String, Set<Integer>> own(Map<String, List<Integer>> segments, List<String> liveNodes, String self) {
        Map<String, Set<Integer>> own = new HashMap<>();
        segments.forEach((processor, ids) -> {
            Set<Integer> mine = new HashSet<>();
            for (int segment : ids) {
                if (self.equals(owner(follows.apply(processor), segment, liveNodes))) {
                    mine.add(segment);
                }
            }
            own.put(processor, Set.copyOf(mine));
        });
        return own;
    }

    /** The node a segment of a group goes to: the highest hash of node, group and segment. */
    static String owner(String group, int segment, List<String> nodes) {
        String best = null;
        long bestWeight = Long.MIN_VALUE;
        for (String node : nodes) {
            long weight = weight(node, group, segment);
            if (best == null || weight > bestWeight || weight == bestWeight && node.compareTo(best) < 0) {
                best = node;
                bestWeight = weight;
            }
        }
        return best;
    }

    private static long weight(String node, String group, int segment) {
        byte[] key = (node + '\n' + group + '\n' + segment).getBytes(StandardCharsets.UTF_8);
        UUID digest = UUID.nameUUIDFromBytes(key);
        return digest.getMostSignificantBits() ^ digest.getLeastSignificantBits();
    }
}
