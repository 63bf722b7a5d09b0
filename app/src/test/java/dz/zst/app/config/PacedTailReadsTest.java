package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/** The pacing of stream reads, on Axon's in-memory storage engine. */
class PacedTailReadsTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private final InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();
    private final PacedTailReads paced = new PacedTailReads(store, INTERVAL);

    @Test
    void aReadSoonAfterTheSameThreadsPreviousOneWaitsForTheIntervalAndSeesWhatWasAppendedMeanwhile() {
        append("reel-1", 0);
        assertThat(read()).hasSize(1);

        long before = System.nanoTime();
        append("reel-1", 1);
        append("reel-1", 2);
        List<TrackedEventMessage<?>> second = read();
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

        assertThat(second).hasSize(3);
        assertThat(waitedMs).as("the second read waited out the interval").isGreaterThanOrEqualTo(150);
    }

    @Test
    void anIdleStoreIsReadAtOnce() throws InterruptedException {
        read();
        TimeUnit.MILLISECONDS.sleep(INTERVAL.toMillis() + 20);

        long before = System.nanoTime();
        read();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(100);
    }

    @Test
    void eachThreadIsPacedOnItsOwnAndAggregateLoadsNotAtAll() {
        read();
        long before = System.nanoTime();
        CompletableFuture.runAsync(this::read).join();
        append("reel-2", 0);
        assertThat(paced.readEvents("reel-2", 0).asStream().count()).isEqualTo(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before))
                .as("another thread's first read and an aggregate load do not wait").isLessThan(100);
    }

    private List<TrackedEventMessage<?>> read() {
        return paced.readEvents(null, false).collect(Collectors.toList());
    }

    private void append(String aggregate, long sequence) {
        paced.appendEvents(new GenericDomainEventMessage<>("Reel", aggregate, sequence, "liked " + sequence));
    }
}
