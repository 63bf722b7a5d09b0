package dz.zst.projection.dashboard;

import dz.zst.domain.reels.ReelSequence;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard group folds a reel's views in order with the reel's own events, on one segment, so
 * the reel's row can guard them by position: each view is an event of its viewer's stream, and per
 * aggregate they would be spread over every segment, out of order. Everything else is per aggregate.
 */
@Configuration
public class DashboardSequencing {

    @Bean
    public ConfigurerModule dashboardSequencedPerReel() {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(DashboardProjection.GROUP, configuration -> ReelSequence.PER_REEL);
    }
}
