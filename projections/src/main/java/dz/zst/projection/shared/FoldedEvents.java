package dz.zst.projection.shared;

import dz.zst.domain.shared.EventPositions;
import dz.zst.domain.shared.ReadModel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Announces what each processing group has folded, once its batch is committed: for every
 * aggregate whose events the batch handled, the global position of the newest one. A writer
 * waiting for its read model on this node learns it from memory, instead of every waiter asking
 * the database again after every commit of the group (a hot reel has dozens of writers waiting on
 * one group at once).
 *
 * <p>A cached read model's group bumps its generation after each committed batch, before it
 * announces ({@link FoldAnnouncements}): the one bump of every batch; only a writer that learned of
 * its fold from the rows bumps the generation itself.
 */
@Configuration
public class FoldedEvents {

    private static final String RESOURCE = FoldedEvents.class.getName();

    @Bean
    public ConfigurerModule announceFoldedEvents(FoldAnnouncements announcements) {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (configuration, processorName) -> new Interceptor(processorName, readModelOf(processorName),
                        announcements));
    }

    /** The read model a group folds, if it folds one (the pushes groups do not). */
    private static ReadModel readModelOf(String group) {
        return Arrays.stream(ReadModel.values()).filter(m -> m.processingGroup().equals(group)).findFirst()
                .orElse(null);
    }

    private record Interceptor(String group, ReadModel readModel, FoldAnnouncements announcements)
            implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
            Object result = chain.proceed();
            if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event) {
                // -1 for an event that is not from the stream: nothing to announce.
                long position = EventPositions.of(event);
                if (position >= 0) {
                    Batch batch = batch(unitOfWork.root());
                    if (DeadLettered.contains(unitOfWork.root(), event)) {
                        batch.parked().merge(event.getAggregateIdentifier(), position, Math::min);
                    } else {
                        batch.folded().merge(event.getAggregateIdentifier(), position, Math::max);
                    }
                }
            }
            return result;
        }

        /**
         * The batch's positions, announced after its transaction commits (never for a rolled-back
         * batch): those folded, and those dead-lettered (each aggregate's first, since no later
         * event of it can be folded before that one is).
         */
        private Batch batch(UnitOfWork<?> unitOfWork) {
            return unitOfWork.getOrComputeResource(RESOURCE, key -> {
                Batch batch = new Batch(new HashMap<>(), new HashMap<>());
                unitOfWork.afterCommit(committed ->
                        announcements.committed(group, readModel, batch.folded(), batch.parked()));
                return batch;
            });
        }
    }

    private record Batch(Map<String, Long> folded, Map<String, Long> parked) {
    }
}
