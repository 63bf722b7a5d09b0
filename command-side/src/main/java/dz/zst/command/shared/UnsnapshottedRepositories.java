package dz.zst.command.shared;

import dz.zst.command.cart.Cart;
import dz.zst.command.reels.ReelLike;
import dz.zst.command.reels.ReelViewer;
import dz.zst.command.users.User;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The repositories of the aggregates created by their first command and never snapshotted
 * ({@link UnsnapshottedRepository}), named in their {@code @Aggregate(repository = …)}. Built like
 * Axon's default ones otherwise: the application's handler definitions and parameter resolvers, its
 * tracing, no cache, Axon's pessimistic lock per aggregate.
 */
@Configuration
public class UnsnapshottedRepositories {

    private final EventStore eventStore;
    private final ParameterResolverFactory parameterResolvers;
    private final HandlerDefinition handlerDefinition;
    private final RepositorySpanFactory spans;

    public UnsnapshottedRepositories(EventStore eventStore, ParameterResolverFactory parameterResolvers,
                                     HandlerDefinition handlerDefinition, RepositorySpanFactory spans) {
        this.eventStore = eventStore;
        this.parameterResolvers = parameterResolvers;
        this.handlerDefinition = handlerDefinition;
        this.spans = spans;
    }

    @Bean
    public UnsnapshottedRepository<ReelLike> reelLikeRepository() {
        return of(ReelLike.class);
    }

    @Bean
    public UnsnapshottedRepository<ReelViewer> reelViewerRepository() {
        return of(ReelViewer.class);
    }

    @Bean
    public UnsnapshottedRepository<Cart> cartRepository() {
        return of(Cart.class);
    }

    @Bean
    public UnsnapshottedRepository<User> userRepository() {
        return of(User.class);
    }

    private <T> UnsnapshottedRepository<T> of(Class<T> type) {
        return UnsnapshottedRepository.of(EventSourcingRepository.builder(type)
                .parameterResolverFactory(parameterResolvers)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spans), eventStore);
    }
}
