package dz.zst.command.shared;

import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every aggregate is rebuilt from the events of its own type only. Identifiers come from the API,
 * so a reel's id can arrive where a product's is expected: without this, the product was rebuilt
 * from the reel's events, failed, and the request ended in a 500 (found by fuzzing every route).
 * With it, the repository finds no product, which the API answers with 404, and nothing is stored.
 *
 * <p>{@code @Aggregate(filterEventsByType = true)} would say the same, but Axon 4.13's Spring
 * lookup ({@code SpringAggregateLookup}) does not pass that attribute on to the aggregate's
 * configurer, so the configurers are set here, for all aggregates at once.
 */
@Configuration
public class OwnEventsOnly {

    @Bean
    public static BeanPostProcessor filterAggregateEventsByType() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof SpringAggregateConfigurer<?> aggregate) {
                    aggregate.setFilterEventsByType(true);
                }
                return bean;
            }
        };
    }
}
