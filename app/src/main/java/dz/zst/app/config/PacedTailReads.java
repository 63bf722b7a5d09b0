package dz.zst.app.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The event storage engine with its stream reads paced: a thread reading the stream again less than
 * {@code interval} after its previous read first waits for the rest of the interval.
 *
 * <p>Why: the embedded event store's reader thread reads the stream after every commit, and after
 * every read that found events it reads again at once. Under a burst of writes (a viral reel's
 * likes) each read found one or two events, and every processor then handled them one or two at a
 * time: per like, two stream reads and 1.4 gap-check queries, and a transaction and a token update
 * in each processor. Paced, the reads of a busy store come at most once per interval and find all
 * the events committed meanwhile; the processors get them as one batch, written in one transaction.
 * An idle store is read at once: only a read following another within the interval waits, so the
 * interval is the most a write's read-your-writes wait grows by, and only under load.
 *
 * <p>Aggregate loads, appends and snapshots are not paced.
 */
final class PacedTailReads extends ForwardingEventStorageEngine {

    private final long intervalNanos;
    /** When each reading thread's previous stream read started. */
    private final ThreadLocal<long[]> previousRead = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    PacedTailReads(EventStorageEngine delegate, Duration interval) {
        super(delegate);
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        long[] previous = previousRead.get();
        long now = System.nanoTime();
        if (previous[0] != Long.MIN_VALUE) {
            long wait = previous[0] + intervalNanos - now;
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    // Stopping: read without waiting, and leave the interrupt to the caller.
                    Thread.currentThread().interrupt();
                }
                now = System.nanoTime();
            }
        }
        previous[0] = now;
        return super.readEvents(trackingToken, mayBlock);
    }
}
