package dz.zst.domain.shared;

import java.util.HashMap;
import java.util.Map;

/**
 * The event-store positions of the events that the current thread's command stored and had folded
 * into a read model inside its own transaction (messages' ConversationsFoldedAtCommit), kept for
 * the writer's read-your-writes wait (command-side's ConsistentWrites), which otherwise looks up
 * each changed aggregate's newest position after the command: one statement less on the hot write.
 *
 * <p>Thread-bound because the command bus handles a command on its sender's thread; a fold made on
 * another thread (a command retried elsewhere) is not found here and the position is looked up as
 * before. The writer forgets what is left before each command and takes what is there after it, so
 * nothing recorded for one request is read by the next one on the same thread. A position found
 * here is that of the writer's own newest event, not necessarily the aggregate's newest: waiting for
 * it is what read-your-writes needs.
 */
public final class FoldedInThisThread {

    private static final ThreadLocal<Map<String, Long>> POSITIONS = new ThreadLocal<>();

    private FoldedInThisThread() {
    }

    /** After the fold's transaction committed: each aggregate folded, with its newest position. */
    public static void record(Map<String, Long> folded) {
        if (POSITIONS.get() == null) {
            POSITIONS.set(new HashMap<>());
        }
        Map<String, Long> positions = POSITIONS.get();
        folded.forEach((id, position) -> positions.merge(id, position, Math::max));
    }

    /** Before a command: drops whatever an earlier one left. */
    public static void forget() {
        POSITIONS.remove();
    }

    /** After a command: what its transaction folded, by aggregate (empty if nothing), and forgets it. */
    public static Map<String, Long> take() {
        Map<String, Long> positions = POSITIONS.get();
        POSITIONS.remove();
        return positions == null ? Map.of() : positions;
    }
}
