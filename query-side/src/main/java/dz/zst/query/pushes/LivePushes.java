package dz.zst.query.pushes;

import dz.zst.domain.reels.ReelSequence;
import dz.zst.domain.shared.ReadModel;
import java.util.List;
import java.util.Map;
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

    /** The processing group of the read model each push group waits for before it pushes. */
    private static final Map<String, String> FOLLOWS = Map.of(
            REEL_PUSHES, ReadModel.REELS.processingGroup(),
            ORDER_PUSHES, ReadModel.ORDERS.processingGroup(),
            B2B_PUSHES, ReadModel.B2B_OFFERS.processingGroup(),
            FREELANCE_PUSHES, ReadModel.FREELANCE_ORDERS.processingGroup(),
            MESSAGE_PUSHES, ReadModel.CONVERSATIONS.processingGroup());

    /**
     * The group whose folds {@code group}'s events wait for: a push group's read model group, else
     * the group itself. A push segment holds every later event of its segment until the event at its
     * head is folded, so the two groups' same-numbered segments are best run on the same node
     * (config/SegmentShares): one node's loss then stops one chain, not each push segment whose read
     * model segment happened to be there.
     */
    public static String followedGroup(String group) {
        return FOLLOWS.getOrDefault(group, group);
    }

    @Bean
    public ConfigurerModule livePushProcessors() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : List.of(REEL_PUSHES, ORDER_PUSHES, B2B_PUSHES, FREELANCE_PUSHES, MESSAGE_PUSHES)) {
                processing.registerPooledStreamingEventProcessorConfiguration(group, (config, builder) -> builder
                                .initialToken(StreamableMessageSource::createHeadToken))
                        .registerListenerInvocationErrorHandler(group, config -> new LoggingErrorHandler());
            }
            // A reel's pushes in the order of the reels group's folds, on the segment number it folds them.
            processing.registerSequencingPolicy(REEL_PUSHES, config -> ReelSequence.PER_REEL);
        });
    }
}
