package dz.zst.app.config;

import dz.zst.app.infra.TransientFailures;
import dz.zst.projection.shared.BatchedWrites;
import dz.zst.projection.shared.DeadLettered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.annotation.Nonnull;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * One event that a read model cannot apply never stops it: the event's sequence is set aside as a
 * dead letter and every other sequence goes on.
 *
 * <p>Axon's dead-letter queue alone caught nothing here (Axon 4.13.0; no upstream issue: it is how a
 * PostgreSQL transaction behaves). A pooled processor folds a batch of events in one transaction,
 * and on PostgreSQL a failed statement aborts the whole transaction: the dead-letter insert that
 * followed a handler's failed statement failed too, the batch rolled back, and it was retried forever
 * (seen: the orders read model stuck on one order for good, 0 dead letters). Writes a projection makes
 * for the whole batch at its end ({@link BatchedWrites}) failed outside any handler, where the queue
 * never looks. So:
 * <ul>
 *   <li>a batch runs as Axon runs it, with nothing added, until it fails; then its events are
 *   <em>suspect</em> ({@link Isolation}) and, when the processor retries them, each handler runs in
 *   its own savepoint ({@link SavepointPerEvent}) and writes what it gathered for the batch right
 *   after, inside that savepoint. The failing event's statements are rolled back to its savepoint,
 *   the transaction is usable again, and the queue parks that event's sequence in it;</li>
 *   <li>a failure that says nothing about the event (connection lost, serialization failure,
 *   deadlock) is never parked: the batch is failed and retried as before ({@link #policy});</li>
 *   <li>each group's queue tells the batch which events it took ({@link DeadLettered}), so they are
 *   announced as dead-lettered, never as folded, and counted in {@code zst.projection.dead_lettered};</li>
 *   <li>a replay empties the group's queue with its tables ({@code allowReset}): it applies every
 *   event again, and parks again what still fails.</li>
 * </ul>
 * Ops list, retry and evict dead letters through {@code /api/v1/admin/projections/{name}/dead-letters}.
 */
@Configuration
public class PoisonEvents {

    private static final Logger log = LoggerFactory.getLogger(PoisonEvents.class);

    private static final String SEEN = PoisonEvents.class.getName() + ".seen";

    /** Per processor, the newest position of a batch that failed: events up to it are applied one by one. */
    private final Map<String, Long> suspectUntil = new ConcurrentHashMap<>();

    /**
     * The groups' invokers allow a reset and keep the {@code dlq.cache} of their settings.
     *
     * <p>Axon 4.13.0 keeps one invoker configuration per group (EventProcessingModule puts it in a
     * map), so registering ours replaced the one the auto-configuration registers for
     * {@code dlq.cache.enabled}: the queue was asked in the database for every event of every
     * group (six to eight queries a checkout, 4.3% of the CPU of one seller's checkouts). Ours
     * therefore applies the cache settings itself; no upstream issue, Axon 5 configures the cache
     * on the queue itself ({@code CachingSequencedDeadLetterQueue}), which retires this.
     */
    @Bean
    public ConfigurerModule poisonEventsModule(EventProcessorProperties processors) {
        Map<String, EventProcessorProperties.Dlq> deadLettering = processors.getProcessors().entrySet().stream()
                .filter(entry -> entry.getValue().getDlq() != null && entry.getValue().getDlq().isEnabled())
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().getDlq()));
        return configurer -> {
            configurer.eventProcessing().registerDefaultHandlerInterceptor(
                    (config, processorName) -> new Isolation(processorName, suspectUntil));
            configurer.eventProcessing().registerDefaultDeadLetterPolicy(config -> policy());
            deadLettering.forEach((group, dlq) -> configurer.eventProcessing()
                    .registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, builder) -> {
                        builder.allowReset(true);
                        if (dlq.getCache().isEnabled()) {
                            builder.enableSequenceIdentifierCache()
                                    .sequenceIdentifierCacheSize(dlq.getCache().getSize());
                        }
                        return builder;
                    }));
        };
    }

    /**
     * Each group's dead-letter queue as Axon's JDBC auto-configuration builds it (the bean it backs
     * off for), wrapped so the current batch learns which of its events were parked.
     */
    @Bean
    public DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties processors, ConnectionProvider connections, TransactionManager transactions,
            DeadLetterSchema schema, @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer genericSerializer, MeterRegistry meters) {
        return new DeadLetterQueueProviderConfigurerModule(processors, group -> config -> new ObservedQueue(
                JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(group)
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .schema(schema)
                        .genericSerializer(genericSerializer)
                        .eventSerializer(eventSerializer)
                        .build(),
                Counter.builder("zst.projection.dead_lettered")
                        .description("Events a read model set aside as dead letters instead of folding them")
                        .tag("group", group)
                        .register(meters),
                Counter.builder("zst.projection.dead_letter_lookups")
                        .description("Events for which a group asked its dead-letter queue in the database "
                                + "whether their sequence was parked (none while the queue is empty)")
                        .tag("group", group)
                        .register(meters)));
    }

    @Bean
    public HandlerEnhancerDefinition savepointPerEvent(DataSource dataSource) {
        return new SavepointPerEvent(dataSource);
    }

    /**
     * Parks what fails because of the event; fails the batch, to be retried whole, on what fails
     * because of the database (the next try may well succeed, and parking would hide the event).
     * A dead letter that fails again when retried is kept, with its new cause.
     */
    static EnqueuePolicy<EventMessage<?>> policy() {
        return (letter, cause) -> {
            if (TransientFailures.transientFailure(cause) && inProcessorBatch()) {
                CurrentUnitOfWork.get().root().onPrepareCommit(unitOfWork -> {
                    throw new IllegalStateException("transient failure, batch to be retried: " + cause, cause);
                });
                return Decisions.doNotEnqueue();
            }
            // The innermost cause names what failed (PostgreSQL's own message); a JDBC wrapper's
            // message starts with the whole statement and would fill the column before saying it.
            return Decisions.enqueue(ThrowableCause.truncated(NestedExceptionUtils.getMostSpecificCause(cause)));
        };
    }

    private static boolean inProcessorBatch() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>;
    }

    /**
     * Marks a processor's batch suspect when it rolls back, and applies a batch holding suspect
     * events one event at a time ({@link BatchedWrites#isolate}); once such a batch commits past the
     * last suspect event, the processor is back to plain batches.
     */
    record Isolation(String processor, Map<String, Long> suspectUntil)
            implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(@Nonnull UnitOfWork<? extends EventMessage<?>> unitOfWork,
                             @Nonnull InterceptorChain chain) throws Exception {
            UnitOfWork<?> root = unitOfWork.root();
            if (root instanceof BatchingUnitOfWork<?> batch && root.resources().putIfAbsent(SEEN, Boolean.TRUE) == null) {
                long oldest = Long.MAX_VALUE;
                long newest = -1;
                for (Message<?> message : batch.getMessages()) {
                    OptionalLong position = message instanceof TrackedEventMessage<?> tracked
                            ? tracked.trackingToken().position() : OptionalLong.empty();
                    if (position.isPresent()) {
                        oldest = Math.min(oldest, position.getAsLong());
                        newest = Math.max(newest, position.getAsLong());
                    }
                }
                long batchNewest = newest;
                Long suspect = suspectUntil.get(processor);
                if (suspect != null && oldest <= suspect) {
                    BatchedWrites.isolate(root);
                    root.afterCommit(u -> suspectUntil.computeIfPresent(processor,
                            (name, until) -> until <= batchNewest ? null : until));
                }
                root.onRollback(u -> {
                    if (batchNewest >= 0) {
                        suspectUntil.merge(processor, batchNewest, Math::max);
                        log.warn("{}: a batch up to position {} failed; its events are retried one at a time, and "
                                + "one that fails alone is set aside as a dead letter", processor, batchNewest);
                    }
                });
            }
            return chain.proceed();
        }
    }

    /**
     * The event handlers of every processing group, each run in its own savepoint while its batch
     * is isolated, with what it gathered for the batch written inside it; otherwise as they are.
     */
    static final class SavepointPerEvent implements HandlerEnhancerDefinition {

        private final DataSource dataSource;

        SavepointPerEvent(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public @Nonnull <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
            if (!original.canHandleMessageType(EventMessage.class)
                    || !AnnotatedElementUtils.hasAnnotation(declaring(original), ProcessingGroup.class)) {
                return original;
            }
            return new WrappedMessageHandlingMember<>(original) {
                @Override
                public Object handle(@Nonnull Message<?> message, T target) throws Exception {
                    if (!CurrentUnitOfWork.isStarted() || !BatchedWrites.isolated(CurrentUnitOfWork.get().root())) {
                        return super.handle(message, target);
                    }
                    return inSavepoint(CurrentUnitOfWork.get().root(), () -> super.handle(message, target));
                }
            };
        }

        private static Class<?> declaring(MessageHandlingMember<?> member) {
            try {
                return member.declaringClass();
            } catch (UnsupportedOperationException e) {
                return Object.class;
            }
        }

        private Object inSavepoint(UnitOfWork<?> root, Handling handling) throws Exception {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            Savepoint savepoint = connection.setSavepoint();
            try {
                Object result = handling.run();
                BatchedWrites.writeEvent(root);
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (Exception e) {
                BatchedWrites.discardEvent(root);
                connection.rollback(savepoint);
                throw e;
            }
        }

        @FunctionalInterface
        private interface Handling {
            Object run() throws Exception;
        }
    }

    /** A group's dead-letter queue that tells the current batch, and a counter, what it took. */
    static final class ObservedQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

        private final SequencedDeadLetterQueue<EventMessage<?>> queue;
        private final Counter parked;
        private final Counter lookups;

        ObservedQueue(SequencedDeadLetterQueue<EventMessage<?>> queue, Counter parked, Counter lookups) {
            this.queue = queue;
            this.parked = parked;
            this.lookups = lookups;
        }

        @Override
        public void enqueue(@Nonnull Object sequenceIdentifier,
                            @Nonnull DeadLetter<? extends EventMessage<?>> letter) {
            queue.enqueue(sequenceIdentifier, letter);
            took(letter.message());
        }

        @Override
        public boolean enqueueIfPresent(
                @Nonnull Object sequenceIdentifier,
                @Nonnull Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
            lookups.increment();
            AtomicReference<EventMessage<?>> message =
                    new AtomicReference<>();
            boolean enqueued = queue.enqueueIfPresent(sequenceIdentifier, () -> {
                var letter = letterBuilder.get();
                message.set(letter.message());
                return letter;
            });
            if (enqueued && message.get() != null) {
                took(message.get());
            }
            return enqueued;
        }

        private void took(EventMessage<?> message) {
            DeadLettered.record(message);
            parked.increment();
        }

        @Override
        public void evict(DeadLetter<? extends EventMessage<?>> letter) {
            queue.evict(letter);
        }

        @Override
        public void requeue(@Nonnull DeadLetter<? extends EventMessage<?>> letter,
                            @Nonnull UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
            queue.requeue(letter, letterUpdater);
        }

        @Override
        public boolean contains(@Nonnull Object sequenceIdentifier) {
            return queue.contains(sequenceIdentifier);
        }

        @Override
        public @Nonnull Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(
                @Nonnull Object sequenceIdentifier) {
            return queue.deadLetterSequence(sequenceIdentifier);
        }

        @Override
        public @Nonnull Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
            return queue.deadLetters();
        }

        @Override
        public boolean isFull(@Nonnull Object sequenceIdentifier) {
            return queue.isFull(sequenceIdentifier);
        }

        @Override
        public long size() {
            return queue.size();
        }

        @Override
        public long sequenceSize(@Nonnull Object sequenceIdentifier) {
            return queue.sequenceSize(sequenceIdentifier);
        }

        @Override
        public long amountOfSequences() {
            return queue.amountOfSequences();
        }

        @Override
        public boolean process(
                @Nonnull Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                @Nonnull Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
            return queue.process(sequenceFilter, processingTask);
        }

        @Override
        public void clear() {
            queue.clear();
        }
    }
}
