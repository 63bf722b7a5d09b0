package dz.zst.command.shared;

import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** The repositories Axon's Spring configuration built for each {@code @Aggregate}. */
@Component
public class AxonAggregateRepositories implements AggregateRepositories {

    private final Configuration axon;

    public AxonAggregateRepositories(Configuration axon) {
        this.axon = axon;
    }

    @Override
    public <T> Repository<T> of(Class<T> aggregateType) {
        return axon.repository(aggregateType);
    }
}
