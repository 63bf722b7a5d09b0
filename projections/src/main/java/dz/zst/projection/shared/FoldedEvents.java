package dz.zst.projection.shared;

import dz.zst.domain.shared.ReadModelCommitted;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
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
 */
@Configuration
public class FoldedEvents {

    private static final String RESOURCE = FoldedEvents.class.getName();

    @Bean
    public ConfigurerModule announceFoldedEvents(List<ReadModelCommitted> listeners) {
        List<ReadModelCommitted> announced = List.copyOf(listeners);
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (configuration, processorName) -> new Interceptor(processorName, announced));
    }

    private record Interceptor(String group, List<ReadModelCommitted> listeners)
            implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
            Object result = chain.proceed();
            if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event
                    && event instanceof TrackedEventMessage<?> tracked) {
                OptionalLong position = tracked.trackingToken().position();
                if (position.isPresent()) {
                    folded(unitOfWork.root()).merge(event.getAggregateIdentifier(), position.getAsLong(), Math::max);
                }
            }
            return result;
        }

        /** The batch's positions, announced after its transaction commits (never for a rolled-back batch). */
        private Map<String, Long> folded(UnitOfWork<?> batch) {
            return batch.getOrComputeResource(RESOURCE, key -> {
                Map<String, Long> positions = new HashMap<>();
                batch.afterCommit(committed -> {
                    Map<String, Long> folded = Map.copyOf(positions);
                    listeners.forEach(listener -> listener.committed(group, folded));
                });
                return positions;
            });
        }
    }
}
