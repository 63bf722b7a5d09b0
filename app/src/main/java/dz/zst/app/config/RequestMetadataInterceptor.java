package dz.zst.app.config;

import dz.zst.app.web.IdempotencyFilter;
import dz.zst.app.web.RequestIdFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Copies the HTTP request's id and Idempotency-Key onto every command sent while serving it
 * (principle 4); the correlation data provider then carries them onto the events. The gateway
 * runs it on the request's thread (see CommandMetadataConfig). Commands sent outside a request
 * (sagas, deadlines) keep the metadata they inherited.
 */
@Component
public class RequestMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            if (request == null) {
                return command;
            }
            Map<String, Object> metadata = new HashMap<>();
            Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            Object idempotencyKey = request.getAttribute(IdempotencyFilter.KEY_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (requestId != null) {
                metadata.put(AxonConfig.REQUEST_ID, requestId.toString());
            }
            if (idempotencyKey != null) {
                metadata.put(AxonConfig.IDEMPOTENCY_KEY, idempotencyKey.toString());
            }
            return metadata.isEmpty() ? command : command.andMetaData(metadata);
        };
    }
}
