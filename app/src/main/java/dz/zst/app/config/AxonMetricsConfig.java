package dz.zst.app.config;

import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's metrics, cut to what operations read: per event processor, how far its read model lags
 * behind the event store ({@code eventProcessor_latency}, tagged by processor); per command type,
 * how many commands came, succeeded and failed ({@code commandBus_*}). Axon's default module also
 * timed every message on every bus, every query, and every event each processor ignores (most of
 * them: a like is ignored by every processor but two), building or looking up a timer, a capacity
 * gauge and a sliding-window reservoir per message: under a viral reel that was 12 % of the
 * application's CPU (JFR of bench/realtime.sh hot), for timers nobody graphs. Replaces the
 * auto-configured module, which backs off when one is defined.
 */
@Configuration
public class AxonMetricsConfig {

    @Bean
    public MetricsConfigurerModule metricsConfigurerModule(GlobalMetricRegistry registry) {
        return new MetricsConfigurerModule(registry) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(EventProcessor.class, (configuration, type, processor) ->
                        generic(EventProcessorLatencyMonitor.buildMonitor("eventProcessor", registry.getRegistry(),
                                message -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processor))));
                configurer.configureMessageMonitor(CommandBus.class, (configuration, type, name) ->
                        MessageCountingMonitor.buildMonitor("commandBus", registry.getRegistry(),
                                TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION));
            }
        };
    }

    /** A processor's monitor sees only events; Axon's factory contract is typed for any message. */
    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> generic(MessageMonitor<?> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }
}
