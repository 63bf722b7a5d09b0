package dz.zst.app.security;

import dz.zst.app.config.AxonConfig;
import dz.zst.domain.shared.Actor;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Stamps every command sent on behalf of a signed-in user with that user's id and role; the events
 * inherit them (AxonConfig's correlation keys), which is what auditors read. Metadata set by the
 * sender wins. Axon's Spring Boot support registers dispatch-interceptor beans with the CommandGateway.
 */
@Component
public class ActorMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !(authentication.getPrincipal() instanceof Actor actor)
                    || command.getMetaData().containsKey(AxonConfig.ACTOR_ID)) {
                return command;
            }
            return command.andMetaData(Map.of(AxonConfig.ACTOR_ID, actor.userId().toString(),
                    AxonConfig.ACTOR_ROLE, actor.role().wire()));
        };
    }
}
