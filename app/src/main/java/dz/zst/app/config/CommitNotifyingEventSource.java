package dz.zst.app.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The event store as pooled streaming processors read it, with one addition: its streams tell the
 * processor when new events were committed. The embedded event store's own streams cannot, so the
 * processor's coordinator would poll every 500 ms and every write would wait that long for its read
 * model. Here a commit on this node wakes the coordinators at once; a periodic tick catches events
 * appended by other nodes.
 *
 * <p>Its streams also honour {@link BlockingStream#skipMessagesWithPayloadTypeOf}, which Axon's
 * coordinator calls for an event no handler of its processor takes (Axon Server filters such types
 * on the server; the embedded store's streams ignore the call). A processor then no longer sees
 * the events of other contexts, and a commit of only such events does not wake it: under a hot reel
 * the orders, products, carts and users processors had woken, and handed each like to both of their
 * work packages, for nothing (a tenth of the JVM's CPU). The newest event is always handed out,
 * so a processor's token still reaches the head of the store.
 */
public final class CommitNotifyingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    /** How long a woken stream waits for the event store to load the just committed events. */
    private static final int LOAD_WAIT_MS = 100;

    private final EventStore eventStore;
    private final Set<NotifyingStream> streams = ConcurrentHashMap.newKeySet();
    private final Registration subscription;
    private final ScheduledExecutorService ticker;

    public CommitNotifyingEventSource(EventStore eventStore, Duration tick) {
        this.eventStore = eventStore;
        this.subscription = eventStore.subscribe(events -> {
            Set<Class<?>> types = events.stream().map(EventMessage::getPayloadType).collect(Collectors.toSet());
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> wakeAll(types));
            } else {
                wakeAll(types);
            }
        });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "event-source-tick");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> wakeAll(null), tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Wakes the streams that take any of the committed payload types; every stream on a tick (null). */
    private void wakeAll(Set<Class<?>> committedTypes) {
        streams.forEach(stream -> stream.wake(committedTypes));
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        NotifyingStream stream = new NotifyingStream(eventStore.openStream(trackingToken));
        streams.add(stream);
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    @Override
    public void close() {
        subscription.cancel();
        ticker.shutdownNow();
    }

    private final class NotifyingStream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final Set<Class<?>> skipped = ConcurrentHashMap.newKeySet();
        private volatile Runnable callback;
        private volatile boolean committed;
        /** The event taken from the store and not yet handed out (coordinator's thread only). */
        private TrackedEventMessage<?> head;

        NotifyingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        void wake(Set<Class<?>> committedTypes) {
            if (committedTypes != null) {
                if (skipped.containsAll(committedTypes)) {
                    return;
                }
                committed = true;
            }
            Runnable current = callback;
            if (current != null) {
                current.run();
            }
        }

        /**
         * After a local commit the events may still be on their way into the store's in-memory
         * buffer; waiting briefly here, on the coordinator's own thread, avoids a 500 ms detour.
         */
        @Override
        public boolean hasNextAvailable() {
            if (headIsDeliverable()) {
                return true;
            }
            if (committed) {
                committed = false;
                try {
                    return hasNextAvailable(LOAD_WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!headIsDeliverable()) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0 || !delegate.hasNextAvailable((int) leftMillis, TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return headIsDeliverable() ? Optional.of(head) : Optional.empty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!headIsDeliverable()) {
                head = delegate.nextAvailable();
            }
            TrackedEventMessage<?> next = head;
            head = null;
            return next;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            skipped.add(ignoredMessage.getPayloadType());
        }

        /**
         * Takes the next event from the store if none is held, dropping events of skipped types
         * while a later one is already there: the newest event is always handed out, so the
         * processor's token reaches the head of the store (a replay ends, a restart has no backlog).
         */
        private boolean headIsDeliverable() {
            while (true) {
                if (head == null) {
                    if (!delegate.hasNextAvailable()) {
                        return false;
                    }
                    try {
                        head = delegate.nextAvailable();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                if (!skipped.contains(head.getPayloadType()) || !delegate.hasNextAvailable()) {
                    return true;
                }
                head = null;
            }
        }

        @Override
        public void close() {
            streams.remove(this);
            delegate.close();
        }
    }
}
