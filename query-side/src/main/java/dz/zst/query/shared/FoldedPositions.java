package dz.zst.query.shared;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What one processing group has committed on this node lately: each aggregate with the newest
 * global position folded, and the writers waiting for theirs. Memory is bounded by keeping two
 * generations of entries, the older dropped when the newer is 30 s old or 50,000 entries large (a
 * rebuild folds millions of events); a writer whose entry was dropped is answered by the database.
 *
 * <p>A commit wakes only the waiters it covers. Waking every waiter on every commit (one monitor,
 * {@code notifyAll}) cost a hot reel's 64 waiting likes a thread switch each per commit, to find
 * that nearly all still had to wait: 18 % of the request threads' CPU samples.
 */
final class FoldedPositions {

    private static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_ENTRIES = 50_000;

    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Long> current = new ConcurrentHashMap<>();
    private volatile Map<String, Long> previous = Map.of();
    private volatile long startedAt = System.nanoTime();

    /** A thread parked until its positions are covered. */
    private record Waiter(Map<String, Long> awaited, Thread thread) {
    }

    void add(Map<String, Long> positions) {
        if (System.nanoTime() - startedAt > KEEP_NANOS || current.size() > MAX_ENTRIES) {
            rotate();
        }
        Map<String, Long> into = current;
        positions.forEach((id, position) -> into.merge(id, position, Math::max));
        for (Waiter waiter : waiters) {
            if (covers(waiter.awaited())) {
                LockSupport.unpark(waiter.thread());
            }
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

    /**
     * Sleeps until a commit covers {@code awaited}, or {@code maxMillis}; answers whether it is
     * covered. Registered before looking, so a commit between the look and the sleep still wakes it.
     */
    boolean awaitCovered(Map<String, Long> awaited, long maxMillis) throws InterruptedException {
        Waiter waiter = new Waiter(awaited, Thread.currentThread());
        waiters.add(waiter);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            while (!covers(awaited)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return true;
        } finally {
            waiters.remove(waiter);
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
