package dz.zst.projection.reels;

import dz.zst.domain.reels.ReelSequence;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reels group folds the events of a reel in order, on one segment ({@link ReelSequence}). */
@Configuration
public class ReelSequencing {

    @Bean
    public ConfigurerModule reelsSequencedPerReel() {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(ReelProjection.GROUP, configuration -> ReelSequence.PER_REEL);
    }
}
