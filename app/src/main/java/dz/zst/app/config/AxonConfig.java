package dz.zst.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dz.zst.domain.shared.AuditMetadata;
import dz.zst.query.pushes.LivePushes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer.PooledStreamingProcessorConfiguration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon wiring that properties alone can't express: Jackson serialization with a mapper of its own
 * (stored events must not change shape when the HTTP mapper's naming changes), pooled streaming
 * processors everywhere with explicit segment counts, and the metadata every event inherits from
 * the command that caused it.
 */
@Configuration
public class AxonConfig {

    /** Metadata keys copied from each command onto the events it causes (principle 4). */
    public static final String ACTOR_ID = AuditMetadata.ACTOR_ID;
    public static final String ACTOR_ROLE = AuditMetadata.ACTOR_ROLE;
    public static final String IDEMPOTENCY_KEY = AuditMetadata.IDEMPOTENCY_KEY;
    public static final String REQUEST_ID = AuditMetadata.REQUEST_ID;

    private static ObjectMapper messageMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(messageMapper()).lenientDeserialization().build();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    @Bean
    public ClaimOwner claimOwner(@Value("${zst.node-id:}") String nodeId) {
        return ClaimOwner.of(nodeId);
    }

    /**
     * The token store, its segment claims signed with a name unique to this node ({@link ClaimOwner}).
     * A graceful stop releases the claims; a crashed node's expire after the claim timeout.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connections, Serializer serializer,
                                 TokenStoreProperties properties, ClaimOwner owner) {
        return JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer)
                .claimTimeout(properties.getClaimTimeout()).nodeId(owner.name()).build();
    }

    @Bean
    public CorrelationDataProvider auditMetadataProvider() {
        return new SimpleCorrelationDataProvider(ACTOR_ID, ACTOR_ROLE, IDEMPOTENCY_KEY, REQUEST_ID);
    }

    /**
     * Two nodes appending to one aggregate race on its (id, sequence) key; the loser gets a
     * ConcurrencyException (transient), and retrying reloads the aggregate with the winner's events.
     * Only such races are retried: a refused command (bad input, broken rule) fails the same way
     * every time, and retrying it only delayed each 4xx by the whole back-off (about 0.7 s).
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(retries).backoffFactor(10).maxRetryCount(6)
                        .nonTransientFailurePredicate(AxonConfig::refusedForGood).build())
                .build();
    }

    /**
     * Axon's query bus, minus the transaction around every query handler. Queries only read, with
     * autocommit; a transaction there held a database connection for the whole of a handler, and
     * the read-your-writes wait is a handler that polls for up to ten seconds: under load the
     * waiting requests held the whole pool, the projections they waited for could not get a
     * connection, and every write timed out. (Axon Server brings its own query bus.)
     */
    @Bean
    @Qualifier("localSegment")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public SimpleQueryBus queryBus(org.axonframework.config.Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    /**
     * The JDBC event storage engine as Axon's auto-configuration builds it (4.13.0's
     * JdbcAutoConfiguration.eventStorageEngine, which backs off for this bean, as does its default
     * EventSchema), but with its reads outside a transaction made without one
     * ({@link EventStoreReadTransactions}). {@link #eventStreamReads} wraps it as any engine.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver exceptions,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connections, TransactionManager transactions) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(exceptions)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connections)
                .transactionManager(new EventStoreReadTransactions(transactions))
                .schema(new EventSchema())
                .build();
    }

    /**
     * Whether a command's failure is one a retry cannot change. Axon 4.13.0's retry scheduler
     * (AbstractRetryScheduler.isExplicitlyNonTransient) asks this of the failure and then of each
     * of its causes, and gives up when any answers yes: a lost race to create an aggregate
     * (AggregateStreamCreationException) carries PostgreSQL's duplicate-key SQLException as its
     * cause, which alone is no append race, so the creation race was never retried and answered
     * 409 (both parties opening one conversation from two nodes: ConversationTwoNodeOpenTest). A
     * database exception is judged by the failure that wraps it.
     */
    private static boolean refusedForGood(Throwable failure) {
        return !(failure instanceof SQLException) && !isAppendRace(failure);
    }

    private static boolean isAppendRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Axon's event processing module, with every pooled streaming processor's handlers behind a
     * {@link PayloadTypeGate}: the coordinators learn once per payload type that a processor has no
     * handler for it, instead of asking every handler on every event. Replaces the auto-configured
     * module (which backs off when one is defined) through its own extension point.
     *
     * <p>The same extension point sets each processor's segment count, batch size and work package
     * pool last, after every other customization: Axon's Spring Boot configuration of a processor
     * named in {@code axon.eventhandling.processors} (ours, for its dead-letter queue) applies its
     * own defaults after the platform-wide ones, 16 segments and batches of one event, and so every
     * read model had folded one event per transaction whatever the load.
     *
     * <p>Segments are claimed again every {@code zst.processors.token-claim-interval} (1 s; Axon's
     * default is 5 s): a segment whose batch failed is released for a second, and only claimed back at
     * the coordinator's next look, so with 5 s a poison event held half a read model (and its
     * writers, and the one whose event is parked: {@code PoisonEvents}) for up to six seconds; a
     * segment a stopped node released is also taken over sooner. The cost is one token-store
     * query a second per processor.
     *
     * <p>A killed node releases nothing: its claims lapse after the token store's claim timeout
     * ({@code axon.eventhandling.tokenstore.claim-timeout}, 4 s; Axon's default 10 s took the fault
     * suite's kill 18 s to recover from). A segment with nothing to fold keeps its claim by extending it
     * every {@code zst.processors.claim-extension} (1 s; Axon's 5 s would let a 4 s claim lapse under a
     * live node): one token update a second per idle segment. A busy segment's claim is extended by
     * its processor's coordinator ({@code enableCoordinatorClaimExtension}, off by Axon's default), as
     * a work package extends it only between batches: a batch longer than the claim timeout (a
     * survivor catching up on a dead node's segments while its CPU is taken, a push waiting for the
     * read model it shows) had its segment stolen by another live node, its batch failed at the
     * token's update and was retried event by event, and each steal started that over.
     *
     * <p>Each node claims only the segments that fall to it among the live nodes ({@link
     * ProcessingNodes}, {@link SegmentShares}; {@code zst.processors.balance}, on by default), so the
     * nodes of a cluster fold side by side and the loss of one stops only its part.
     */
    @Bean
    public SegmentShares segmentShares() {
        return new SegmentShares(LivePushes::followedGroup);
    }

    @Bean
    public EventProcessingModule eventProcessingModule(@Value("${zst.processors.segments:2}") int segments,
                                                       @Value("${zst.processors.batch-size:100}") int batchSize,
                                                       @Value("${zst.processors.batch-interval:10ms}") Duration batchInterval,
                                                       @Value("${zst.processors.token-claim-interval:1s}") Duration claims,
                                                       @Value("${zst.processors.claim-extension:1s}") Duration extension) {
        PooledStreamingProcessorConfiguration platform = (config, builder) -> builder
                .initialSegmentCount(segments)
                .batchSize(batchSize)
                .tokenClaimInterval(claims.toMillis())
                .claimExtensionThreshold(extension.toMillis())
                .enableCoordinatorClaimExtension()
                .workerExecutor(name -> workers(config, name, batchInterval));
        return new EventProcessingModule() {
            @Override
            protected EventProcessor pooledStreamingEventProcessor(
                    String name, EventHandlerInvoker handlers, org.axonframework.config.Configuration config,
                    StreamableMessageSource<TrackedEventMessage<?>> source,
                    PooledStreamingProcessorConfiguration customization) {
                return super.pooledStreamingEventProcessor(name, PayloadTypeGate.gate(handlers), config, source,
                        customization.andThen(platform));
            }
        };
    }

    /**
     * The event store's stream with each event's own global index in its metadata ({@link
     * OwnEventPositions}), read at most once per {@code zst.event-store.read-interval} per reading
     * thread ({@link PacedTailReads}), so a busy store is read in batches; 0 turns the pacing off.
     * Static: a post-processor is created before the beans it wraps.
     */
    @Bean
    static BeanPostProcessor eventStreamReads(Environment environment) {
        Duration interval = environment.getProperty("zst.event-store.read-interval", Duration.class,
                Duration.ofMillis(5));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof EventStorageEngine engine)) {
                    return bean;
                }
                EventStorageEngine positioned = new OwnEventPositions(engine);
                return interval.isZero() ? positioned : new PacedTailReads(positioned, interval);
            }
        };
    }

    /**
     * Pooled streaming processors everywhere, reading through one {@link CommitNotifyingEventSource}
     * (created from the Axon configuration's event store on first use, since the event store itself
     * is built from this configuration). Their segments, batches and pools are set in
     * {@link #eventProcessingModule}.
     */
    @Bean
    public ConfigurerModule pooledProcessors(@Value("${zst.processors.poll-interval:200ms}") Duration poll) {
        return configurer -> {
            AtomicReference<CommitNotifyingEventSource> source = new AtomicReference<>();
            configurer.eventProcessing(processing -> processing
                    .usingPooledStreamingEventProcessors()
                    .registerPooledStreamingEventProcessorConfiguration((config, builder) -> builder
                            .messageSource(source.updateAndGet(existing -> existing != null ? existing
                                    : new CommitNotifyingEventSource(config.eventStore(), poll)))));
            configurer.onShutdown(() -> {
                if (source.get() != null) {
                    source.get().close();
                }
            });
        };
    }

    /**
     * A processor's work package pool as Axon builds it (four threads, shut down with Axon), with its
     * batches paced by {@code zst.processors.batch-interval} ({@link PacedWorkers}); 0 turns that off.
     * Segments: two by default ({@code zst.processors.segments}). Every event is offered to every
     * segment of every processor, and on a two-core node more segments only added that overhead; a
     * token store created with two can be split later. Batches of up to 100 events.
     */
    private static ScheduledExecutorService workers(org.axonframework.config.Configuration config, String name,
                                                    Duration interval) {
        AxonThreadFactory threads = new AxonThreadFactory("WorkPackage[" + name + "]");
        ScheduledExecutorService pool = interval.isZero() ? Executors.newScheduledThreadPool(4, threads)
                : new PacedWorkers(4, threads, interval);
        config.onShutdown(pool::shutdown);
        return pool;
    }
}
