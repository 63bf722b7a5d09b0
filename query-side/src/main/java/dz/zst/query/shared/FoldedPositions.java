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
    /** Aggregates with an event set aside as a dead letter, with the position of the first (same rotation). */
    private volatile Map<String, Long> parked = new ConcurrentHashMap<>();
    private volatile Map<String, Long> previouslyParked = Map.of();
    private volatile long startedAt = System.nanoTime();

    /** A thread parked until its positions are covered. */
    private record Waiter(Map<String, Long> awaited, Thread thread) {
    }

    void add(Map<String, Long> positions) {
        rotateWhenDue();
        Map<String, Long> into = current;
        positions.forEach((id, position) -> into.merge(id, position, Math::max));
        wakeDecided();
    }

    /** Notes events set aside as dead letters: their writers' waits are decided too. */
    void park(Map<String, Long> positions) {
        rotateWhenDue();
        Map<String, Long> into = parked;
        positions.forEach((id, position) -> into.merge(id, position, Math::min));
        wakeDecided();
    }

    private void wakeDecided() {
        for (Waiter waiter : waiters) {
            if (decided(waiter.awaited())) {
                LockSupport.unpark(waiter.thread());
            }
        }
    }

    /**
     * Whether an awaited event, or one before it of the same aggregate, was set aside as a dead
     * letter and not folded since: the read model will not reach the awaited position by itself.
     */
    boolean parks(Map<String, Long> awaited) {
        if (parked.isEmpty() && previouslyParked.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Long> entry : awaited.entrySet()) {
            long first = Math.min(parkedAt(parked, entry.getKey()), parkedAt(previouslyParked, entry.getKey()));
            if (first <= entry.getValue() && folded(current, entry.getKey()) < entry.getValue()
                    && folded(previous, entry.getKey()) < entry.getValue()) {
                return true;
            }
        }
        return false;
    }

    private boolean decided(Map<String, Long> awaited) {
        return covers(awaited) || parks(awaited);
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
     * Sleeps until a commit covers {@code awaited} or sets one of its events aside, or
     * {@code maxMillis}; answers whether that was decided. Registered before looking, so a commit between the look and the sleep still wakes it.
     */
    boolean awaitCovered(Map<String, Long> awaited, long maxMillis) throws InterruptedException {
        Waiter waiter = new Waiter(awaited, Thread.currentThread());
        waiters.add(waiter);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            while (!decided(awaited)) {
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

    private void rotateWhenDue() {
        if (rotationDue()) {
            rotate();
        }
    }

    private boolean rotationDue() {
        return System.nanoTime() - startedAt > KEEP_NANOS || current.size() > MAX_ENTRIES;
    }

    private synchronized void rotate() {
        if (rotationDue()) {
            previous = current;
            current = new ConcurrentHashMap<>();
            previouslyParked = parked;
            parked = new ConcurrentHashMap<>();
            startedAt = System.nanoTime();
        }
    }

    private static long parkedAt(Map<String, Long> positions, String id) {
        Long position = positions.get(id);
        return position == null ? Long.MAX_VALUE : position;
    }

    private static long folded(Map<String, Long> positions, String id) {
        Long position = positions.get(id);
        return position == null ? -1 : position;
    }
}
