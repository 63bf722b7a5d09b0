package dz.zst.app.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dz.zst.domain.shared.AuditMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerHumanReadableDeadlineDetails;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.scheduling.EventScheduler;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerEventScheduler;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerHumanReadableEventData;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's deadlines (a B2B offer's end and ending-soon notice) stored in PostgreSQL by db-scheduler
 * (table {@code scheduled_tasks}, Flyway V9; its polling and dead-node settings are in
 * application.yml), so each fires once on one node of a cluster and still fires after a restart.
 *
 * <p>Axon 4.13.0's {@code AxonDbSchedulerAutoConfiguration} wires a {@link DbSchedulerDeadlineManager}
 * only when a db-scheduler {@link Scheduler} bean exists (the starter makes it); without one Axon
 * silently falls back to its in-memory {@code SimpleDeadlineManager}, whose deadlines a restart
 * loses. Its beans are replaced here (they back off by type and qualifier) for three reasons:
 * <ul>
 *   <li>Its tasks store the deadline in db-scheduler's binary variant, a Java-serialized Axon class
 *   without a {@code serialVersionUID}: a row written by one Axon version may not be readable by the
 *   next. The human-readable variant ({@code useBinaryPojo(false)}) holds the scope and payload as
 *   the event serializer's JSON, and db-scheduler writes it as JSON too (its default serializer is
 *   Java serialization), so a row is plain JSON that an upgrade reads and an operator can too.</li>
 *   <li>Axon's task retries a failed deadline 5 minutes later, forever (db-scheduler's
 *   {@code OnFailureRetryLater}): an offer's end that lost an append race to a bid on another node
 *   would close 5 minutes late. Here a failure is retried after 1 s, doubling up to 1 minute.</li>
 *   <li>A deadline message inherits the correlation metadata of the command that scheduled it (Axon's
 *   {@code GenericMessage} takes the current unit of work's), so the automatic end would be stored
 *   as the seller's act. The actor and idempotency key are dropped: the platform closes the offer
 *   (API.md §8 history: actor null).</li>
 * </ul>
 */
@Configuration
public class DbSchedulerDeadlines {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofMinutes(1);

    /** The platform's time: the deadlines' handlers decide by it (an offer ends when now ≥ its end). */
    @Bean
    public Clock platformClock() {
        return Clock.systemUTC();
    }

    /** Task data as JSON (see above), not db-scheduler's default Java serialization. */
    @Bean
    public DbSchedulerCustomizer dbSchedulerCustomizer() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(new JacksonSerializer());
            }
        };
    }

    @Bean
    @Qualifier("deadlineDetailsTask")
    public Task<DbSchedulerHumanReadableDeadlineDetails> dbSchedulerDeadlineDetailsTask(ApplicationContext context) {
        Task<DbSchedulerHumanReadableDeadlineDetails> axon = DbSchedulerDeadlineManager.humanReadableTask(
                () -> context.getBean(DbSchedulerDeadlineManager.class));
        return Tasks.oneTime(axon.getName(), DbSchedulerHumanReadableDeadlineDetails.class)
                .onFailure(new CappedBackoff<>())
                .execute(axon::execute);
    }

    @Bean
    @Qualifier("eventDataTask")
    public Task<DbSchedulerHumanReadableEventData> dbSchedulerEventDataTask(ApplicationContext context) {
        Task<DbSchedulerHumanReadableEventData> axon = DbSchedulerEventScheduler.humanReadableTask(
                () -> context.getBean(DbSchedulerEventScheduler.class));
        return Tasks.oneTime(axon.getName(), DbSchedulerHumanReadableEventData.class)
                .onFailure(new CappedBackoff<>())
                .execute(axon::execute);
    }

    @Bean
    public DeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration axon,
                                           @Qualifier("eventSerializer")
                                           org.axonframework.serialization.Serializer serializer,
                                           TransactionManager transactionManager,
                                           DeadlineManagerSpanFactory spanFactory) {
        DbSchedulerDeadlineManager deadlines = DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .useBinaryPojo(false)
                // The starter starts the scheduler once the context is ready, and stops it.
                .startScheduler(false)
                .stopScheduler(false)
                .build();
        deadlines.registerDispatchInterceptor(new WithoutCallersIdentity());
        return deadlines;
    }

    @Bean
    public EventScheduler eventScheduler(Scheduler scheduler,
                                         @Qualifier("eventSerializer")
                                         org.axonframework.serialization.Serializer serializer,
                                         TransactionManager transactionManager, EventBus eventBus) {
        return DbSchedulerEventScheduler.builder()
                .scheduler(scheduler)
                .serializer(serializer)
                .transactionManager(transactionManager)
                .eventBus(eventBus)
                .useBinaryPojo(false)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }

    /** A deadline is the platform's, not the caller's who scheduled it. */
    static final class WithoutCallersIdentity implements MessageDispatchInterceptor<DeadlineMessage<?>> {
        private static final Set<String> CALLERS = Set.of(AuditMetadata.ACTOR_ID, AuditMetadata.ACTOR_ROLE,
                AuditMetadata.IDEMPOTENCY_KEY);

        @Override
        public BiFunction<Integer, DeadlineMessage<?>, DeadlineMessage<?>> handle(
                List<? extends DeadlineMessage<?>> messages) {
            return (index, message) -> message.withMetaData(message.getMetaData().withoutKeys(CALLERS));
        }
    }

    /** Retry after 1 s, doubling, at most a minute apart; never gives up (the handlers are idempotent). */
    static final class CappedBackoff<T> implements FailureHandler<T> {
        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
            int failures = Math.min(Math.max(complete.getExecution().consecutiveFailures, 0), 16);
            Duration delay = FIRST_RETRY.multipliedBy(1L << failures);
            operations.reschedule(complete, complete.getTimeDone().plus(delay.compareTo(LAST_RETRY) > 0
                    ? LAST_RETRY : delay));
        }
    }
}
