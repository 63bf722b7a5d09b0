package dz.zst.query.shared;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one processing group has committed on this node lately: each aggregate with the newest
 * global position folded, and a commit counter waiters sleep on. Memory is bounded by keeping two
 * generations of entries, the older dropped when the newer is 30 s old or 50,000 entries large (a
 * rebuild folds millions of events); a writer whose entry was dropped is answered by the database.
 */
final class FoldedPositions {

    private static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_ENTRIES = 50_000;

    private final AtomicLong commits = new AtomicLong();
    private volatile Map<String, Long> current = new ConcurrentHashMap<>();
    private volatile Map<String, Long> previous = Map.of();
    private volatile long startedAt = System.nanoTime();

    long commits() {
        return commits.get();
    }

    void add(Map<String, Long> positions) {
        if (System.nanoTime() - startedAt > KEEP_NANOS || current.size() > MAX_ENTRIES) {
            rotate();
        }
        Map<String, Long> into = current;
        positions.forEach((id, position) -> into.merge(id, position, Math::max));
        commits.incrementAndGet();
        synchronized (commits) {
            commits.notifyAll();
        }
    }

    /** Whether every aggregate has been folded at least up to its awaited position. */
    boolean covers(Map<String, Long> awaited) {
        for (Map.Entry<String, Long> entry : awaited.entrySet()) {
            if (folded(current, entry.getKey()) < entry.getValue() && folded(previous, entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Sleeps until a commit after the {@code seen}-th, or {@code maxMillis}. */
    void awaitCommitAfter(long seen, long maxMillis) throws InterruptedException {
        synchronized (commits) {
            if (commits.get() == seen) {
                commits.wait(maxMillis);
            }
        }
    }

    private synchronized void rotate() {
        if (System.nanoTime() - startedAt > KEEP_NANOS || current.size() > MAX_ENTRIES) {
            previous = current;
            current = new ConcurrentHashMap<>();
            startedAt = System.nanoTime();
        }
    }

    private static long folded(Map<String, Long> positions, String id) {
        Long position = positions.get(id);
        return position == null ? -1 : position;
    }
}
