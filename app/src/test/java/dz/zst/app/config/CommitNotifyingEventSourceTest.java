package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The streams honour Axon's skip of payload types no handler takes: such events are dropped while a
 * later one follows (the newest is still handed out, so tokens reach the head), and a commit of only
 * skipped types does not wake the processor.
 */
class CommitNotifyingEventSourceTest {

    record Liked(int n) {
    }

    record Ordered(int n) {
    }

    private final EmbeddedEventStore store =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final CommitNotifyingEventSource source = new CommitNotifyingEventSource(store, Duration.ofHours(1));

    @AfterEach
    void shutDown() {
        source.close();
        store.shutDown();
    }

    @Test
    void eventsOfASkippedTypeAreDroppedWhileALaterOneFollowsAndTheNewestIsHandedOut() throws Exception {
        publish(new Liked(1), new Ordered(1), new Liked(2), new Liked(3), new Ordered(2), new Liked(4), new Liked(5));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        TrackedEventMessage<?> first = next(stream);
        assertThat(first.getPayload()).isEqualTo(new Liked(1));
        stream.skipMessagesWithPayloadTypeOf(first);
        List<Object> rest = new ArrayList<>();
        while (stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
            rest.add(stream.nextAvailable().getPayload());
        }

        assertThat(rest).containsExactly(new Ordered(1), new Ordered(2), new Liked(5));
    }

    @Test
    void aCommitOfOnlySkippedTypesDoesNotWakeTheStream() throws Exception {
        publish(new Liked(1));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger wakes = new AtomicInteger();
        stream.setOnAvailableCallback(wakes::incrementAndGet);
        stream.skipMessagesWithPayloadTypeOf(next(stream));

        publish(new Liked(2), new Liked(3));
        assertThat(wakes).as("likes only").hasValue(0);

        publish(new Ordered(1));
        assertThat(wakes).as("an order").hasValue(1);
        assertThat(next(stream).getPayload()).isEqualTo(new Ordered(1));
    }

    private void publish(Object... payloads) {
        for (Object payload : payloads) {
            store.publish(GenericEventMessage.asEventMessage(payload));
        }
    }

    private static TrackedEventMessage<?> next(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isTrue();
        return stream.nextAvailable();
    }
}
