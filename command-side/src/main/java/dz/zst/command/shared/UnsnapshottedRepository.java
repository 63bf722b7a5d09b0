package dz.zst.command.shared;

import java.util.concurrent.Callable;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.LockAwareAggregate;

/**
 * The event-sourcing repository of an aggregate that is never snapshotted and is usually created by
 * its first command ({@code CREATE_IF_MISSING}: a like, a view, a cart, a user).
 *
 * <p>Axon's repository asks the store for a snapshot before every load, and {@code loadOrCreate}
 * learns that a stream is empty by catching the {@link AggregateNotFoundException} the load throws.
 * For a like both are waste. No like is ever snapshotted, so the snapshot query is one database
 * round trip of each like's seven for nothing. And the exception, built under the request's stack
 * of servlet filters, spent 5 % of the request threads' CPU in a hot-reel profile filling in a stack
 * trace nobody reads (Axon accepts only that exact class as "not found", so a cheaper subclass
 * would not do). Here the stream is read from its first event without a snapshot query, and an
 * empty one is created on the spot when the caller asked for load-or-create; a plain load is
 * Axon's, and still throws its exception for an empty stream. As {@code OwnEventsOnly} arranges for every other
 * aggregate (Axon's {@code filterByAggregateType}), only events of the aggregate's own type apply.
 *
 * <p>The per-thread fields carry what Axon's template methods do not pass on: the factory, from
 * {@link #doLoadOrCreate} to {@link #doLoadWithLock}, and the stream a load-or-create opened there
 * to the {@link #readEvents} that Axon's load then calls. Both are set and cleared around one call.
 */
public class UnsnapshottedRepository<T> extends EventSourcingRepository<T> {

    private final EventStore eventStore;
    private final String ownType;
    private final ThreadLocal<Callable<T>> creating = new ThreadLocal<>();
    private final ThreadLocal<DomainEventStream> opened = new ThreadLocal<>();

    protected UnsnapshottedRepository(Builder<T> builder, EventStore eventStore) {
        super(builder.eventStore(eventStore));
        this.eventStore = eventStore;
        this.ownType = aggregateModel().type();
    }

    /** The repository {@code builder} describes, on {@code eventStore}. */
    public static <T> UnsnapshottedRepository<T> of(Builder<T> builder, EventStore eventStore) {
        return new UnsnapshottedRepository<>(builder, eventStore);
    }

    @Override
    protected LockAwareAggregate<T, EventSourcedAggregate<T>> doLoadOrCreate(String aggregateIdentifier,
                                                                             Callable<T> factoryMethod)
            throws Exception {
        creating.set(factoryMethod);
        try {
            return super.doLoadOrCreate(aggregateIdentifier, factoryMethod);
        } finally {
            creating.remove();
        }
    }

    /** A plain load is Axon's (through {@link #readEvents}); a load-or-create looks at the stream first. */
    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        Callable<T> factoryMethod = creating.get();
        if (factoryMethod == null) {
            return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        DomainEventStream events = ownEvents(aggregateIdentifier);
        if (!events.hasNext()) {
            try {
                return doCreateNewForLock(factoryMethod);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Could not create aggregate " + aggregateIdentifier, e);
            }
        }
        opened.set(events);
        try {
            return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        } finally {
            opened.remove();
        }
    }

    @Override
    protected DomainEventStream readEvents(String aggregateIdentifier) {
        DomainEventStream events = opened.get();
        if (events != null) {
            opened.remove();
            return events;
        }
        return ownEvents(aggregateIdentifier);
    }

    private DomainEventStream ownEvents(String aggregateIdentifier) {
        return eventStore.readEvents(aggregateIdentifier, 0).filter(event -> ownType.equals(event.getType()));
    }
}
