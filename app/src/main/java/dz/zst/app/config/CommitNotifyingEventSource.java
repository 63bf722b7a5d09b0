package dz.zst.app.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
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
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> wakeAll(true));
            } else {
                wakeAll(true);
            }
        });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "event-source-tick");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> wakeAll(false), tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void wakeAll(boolean committedHere) {
        streams.forEach(stream -> stream.wake(committedHere));
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
        private volatile Runnable callback;
        private volatile boolean committed;

        NotifyingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        void wake(boolean committedHere) {
            if (committedHere) {
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
            if (delegate.hasNextAvailable()) {
                return true;
            }
            if (committed) {
                committed = false;
                try {
                    return delegate.hasNextAvailable(LOAD_WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            streams.remove(this);
            delegate.close();
        }
    }
}
