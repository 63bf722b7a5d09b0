package dz.zst.query.pushes;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The processing groups that push to sockets (API.md §11). They are side effects, not read models:
 * they start at the head of the event store (a new node must not push a year of history to whoever
 * connects), their handlers are never replayed, and a push that fails is logged and dropped rather
 * than retried: a late "liked" notification is worth less than the ones queued behind it.
 */
@Configuration
public class LivePushes {

    static final String REEL_PUSHES = "reel-pushes";
    static final String ORDER_PUSHES = "order-pushes";
    static final String B2B_PUSHES = "b2b-pushes";
    static final String FREELANCE_PUSHES = "freelance-pushes";
    static final String MESSAGE_PUSHES = "message-pushes";

    @Bean
    public ConfigurerModule livePushProcessors() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : List.of(REEL_PUSHES, ORDER_PUSHES, B2B_PUSHES, FREELANCE_PUSHES, MESSAGE_PUSHES)) {
                processing.registerPooledStreamingEventProcessorConfiguration(group, (config, builder) -> builder
                                .initialToken(StreamableMessageSource::createHeadToken))
                        .registerListenerInvocationErrorHandler(group, config -> new LoggingErrorHandler());
            }
        });
    }
}
