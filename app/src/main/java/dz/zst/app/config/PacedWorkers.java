package dz.zst.app.config;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker pool of one pooled streaming processor, its batches paced: a task handed to
 * {@link #submit(Runnable)} less than {@code interval} after the previous one started waits for the
 * rest of the interval.
 *
 * <p>Why: Axon's work package hands its worker to the pool as soon as one event is queued, and the
 * worker takes what is queued by then. Under a hot reel that was one like: pg_stat_statements
 * counted one like-row write, one reel update and one token update per like, each batch its own
 * transaction, because the worker had always finished the previous like before the next arrived.
 * Paced, the events that arrive while a worker waits are one batch, folded in one transaction. An
 * idle processor starts at once: only a batch following another within the interval waits, so the
 * interval is the most a fold, and a write's read-your-writes wait, grows by, and only under load.
 * Both segments of a processor share the pool and so its pace.
 */
final class PacedWorkers extends ScheduledThreadPoolExecutor {

    private final long intervalNanos;
    /** When the previous task started; none yet is as long ago as can be. */
    private final AtomicLong previousStart = new AtomicLong(System.nanoTime() - TimeUnit.DAYS.toNanos(1));

    PacedWorkers(int threads, ThreadFactory threadFactory, Duration interval) {
        super(threads, threadFactory);
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public Future<?> submit(Runnable task) {
        Runnable started = () -> {
            previousStart.set(System.nanoTime());
            task.run();
        };
        long wait = previousStart.get() + intervalNanos - System.nanoTime();
        return wait > 0 ? schedule(started, wait, TimeUnit.NANOSECONDS) : super.submit(started);
    }
}
