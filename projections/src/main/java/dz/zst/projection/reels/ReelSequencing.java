package dz.zst.projection.reels;

import dz.zst.domain.reels.ReelScoped;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reels group folds the events of a reel in order, on one segment: likes, comments and views
 * come from streams of their own, so the default policy (per aggregate) would spread one reel's
 * events over every segment and their counter writes would wait on each other's row locks.
 */
@Configuration
public class ReelSequencing {

    /** The reel an event is about, else its aggregate. */
    public static final SequencingPolicy<EventMessage<?>> PER_REEL = event ->
            event.getPayload() instanceof ReelScoped scoped ? scoped.reelId().value()
                    : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);

    @Bean
    public ConfigurerModule reelsSequencedPerReel() {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(ReelProjection.GROUP, configuration -> PER_REEL);
    }
}
