package dz.zst.command.shared;

import org.axonframework.modelling.command.Repository;

/**
 * The aggregate repositories, for command handlers that work on several aggregates in one unit of
 * work (a checkout takes products' stock and places orders). An interface so process tests can
 * hand in the repositories of an in-memory Axon configuration.
 */
public interface AggregateRepositories {

    <T> Repository<T> of(Class<T> aggregateType);
}
