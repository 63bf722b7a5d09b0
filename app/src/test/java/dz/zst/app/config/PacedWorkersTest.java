package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.AxonThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The paced worker pool: an idle pool starts a task at once, a task following another within the
 * interval waits for the rest of it, and a work-package-like worker (drain what is queued, submit
 * again while anything is left) then takes events arriving one by one in batches.
 */
class PacedWorkersTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private final List<ExecutorService> pools = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutDown() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    private PacedWorkers paced(Duration interval) {
        PacedWorkers pool = new PacedWorkers(2, new AxonThreadFactory("paced-test"), interval);
        pools.add(pool);
        return pool;
    }

    private static long startOf(ExecutorService pool) throws Exception {
        long[] started = new long[1];
        Runnable task = () -> started[0] = System.nanoTime();
        pool.submit(task).get(5, TimeUnit.SECONDS);
        return started[0];
    }

    @Test
    void anIdlePoolStartsAtOnceAndATaskWithinTheIntervalWaitsForItsRest() throws Exception {
        PacedWorkers pool = paced(INTERVAL);
        long submitted = System.nanoTime();
        long first = startOf(pool);
        assertThat(Duration.ofNanos(first - submitted)).isLessThan(INTERVAL.dividedBy(2));

        long second = startOf(pool);
        assertThat(Duration.ofNanos(second - first)).isGreaterThanOrEqualTo(INTERVAL.minusMillis(5));

        Thread.sleep(INTERVAL.toMillis() + 50);
        long idleSubmit = System.nanoTime();
        assertThat(Duration.ofNanos(startOf(pool) - idleSubmit)).isLessThan(INTERVAL.dividedBy(2));
    }

    /** Axon's WorkPackage in small: each queued event schedules the worker, which drains the queue. */
    private static final class Worker {
        final Queue<Integer> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final ExecutorService pool;

        Worker(ExecutorService pool) {
            this.pool = pool;
        }

        void schedule(int event) {
            queue.add(event);
            scheduleWorker();
        }

        void scheduleWorker() {
            if (scheduled.compareAndSet(false, true)) {
                pool.submit(() -> {
                    int size = 0;
                    while (queue.poll() != null) {
                        size++;
                    }
                    batchSizes.add(size);
                    scheduled.set(false);
                    if (!queue.isEmpty()) {
                        scheduleWorker();
                    }
                });
            }
        }
    }

    private static List<Integer> batchesOfEventsEvery2ms(ExecutorService pool) throws Exception {
        Worker worker = new Worker(pool);
        for (int i = 0; i < 100; i++) {
            worker.schedule(i);
            Thread.sleep(2);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (worker.batchSizes.stream().mapToInt(Integer::intValue).sum() < 100 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(worker.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        return worker.batchSizes;
    }

    @Test
    void eventsArrivingOneByOneAreTakenInBatches() throws Exception {
        ExecutorService plain = Executors.newScheduledThreadPool(2);
        pools.add(plain);
        List<Integer> unpaced = batchesOfEventsEvery2ms(plain);
        List<Integer> paced = batchesOfEventsEvery2ms(paced(Duration.ofMillis(50)));

        // 100 events over at least 200 ms: one batch per 50 ms is at most a handful, where the plain
        // pool ran a batch for nearly every event.
        assertThat(paced.size()).isLessThanOrEqualTo(12);
        assertThat(unpaced.size()).isGreaterThan(50);
    }
}
