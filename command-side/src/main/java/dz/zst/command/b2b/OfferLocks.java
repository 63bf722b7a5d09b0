package dz.zst.command.b2b;

import dz.zst.command.shared.AggregateRepositories;
import dz.zst.command.shared.StoredSequences;
import dz.zst.domain.b2b.B2BCommands.OnOffer;
import dz.zst.domain.b2b.B2BCommands.RespondToB2BOfferCommand;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.ResponseType;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Commands on one offer are taken one at a time by the whole cluster, and each decides on the
 * offer as stored. In the command's own unit of work, before its handler:
 * <ol>
 * <li>this node's lock on the offer, held until the unit of work is cleaned up, so a node's commands
 * on a hot auction queue in memory, each holding a database connection only once its turn comes;</li>
 * <li>a bid that can no longer beat what this node has seen accepted, including the bid committed
 * just before it in that queue, is refused there ({@link BidFloors}): no database work;</li>
 * <li>the offer's PostgreSQL transaction-scoped advisory lock, in the transaction that appends the
 * events, which serializes the nodes (as a checkout locks its products). Axon's lock is per node:
 * two nodes bidding each loaded the same version and raced on the event store's unique key, and a
 * loser whose retries ran out answered 409 (B2BTwoNodeBiddingTest);</li>
 * <li>the offer, as this node caches it (B2BOffer's {@code aggregateCache}), checked against its
 * newest stored sequence: a copy another node has moved past is refused with a
 * ConcurrencyException, whose rollback evicts it, and the command gateway retries on the stored
 * offer (as {@code StockLedger.ensureCurrent} does for products). The handler then gets the same
 * loaded instance from the unit of work.</li>
 * </ol>
 * A bid that commits raises this node's floor after the commit and before the node lock is let go.
 *
 * <p>The offer's deadlines (its end, its ending-soon notice) take the same two locks, then drop this
 * node's copy, so they decide on the stored offer after any bid in flight: on a copy that another
 * node's bid had moved past, the end lost the append race and was retried a second later, which put
 * the slowest 1 % of a closing wave on two nodes past 2 s (bench/README.md, closing wave).
 */
@Component
public class OfferLocks implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcClient jdbc;
    private final AggregateRepositories repositories;
    private final StoredSequences sequences;
    private final BidFloors floors;
    private final PessimisticLockFactory nodeLocks = PessimisticLockFactory.usingDefaults();

    private final Cache aggregateCache;

    public OfferLocks(JdbcClient jdbc, CommandBus commandBus, DeadlineManager deadlines,
                      AggregateRepositories repositories, StoredSequences sequences, BidFloors floors,
                      @Qualifier("aggregateCache") Cache aggregateCache) {
        this.jdbc = jdbc;
        this.repositories = repositories;
        this.sequences = sequences;
        this.floors = floors;
        this.aggregateCache = aggregateCache;
        commandBus.registerHandlerInterceptor(this);
        deadlines.registerHandlerInterceptor(new DeadlineLocks());
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!(unitOfWork.getMessage().getPayload() instanceof OnOffer payload)) {
            return chain.proceed();
        }
        B2BOfferId offerId = payload.offerId();
        lockNode(unitOfWork, offerId);
        if (payload instanceof RespondToB2BOfferCommand respond) {
            floors.refuseHopeless(respond);
            if (respond.responseType() == ResponseType.BID) {
                unitOfWork.afterCommit(u -> floors.raise(offerId, respond.amount()));
            }
        }
        lockCluster(offerId);
        ensureCurrent(offerId);
        return chain.proceed();
    }

    /** This node's lock on the offer, until the unit of work is cleaned up; always taken before the cluster's. */
    private void lockNode(UnitOfWork<?> unitOfWork, B2BOfferId offerId) {
        Lock nodeLock = nodeLocks.obtainLock(offerId.toString());
        unitOfWork.onCleanup(u -> nodeLock.release());
    }

    /** The offer's advisory lock, held by the unit of work's transaction until it ends. */
    private void lockCluster(B2BOfferId offerId) {
        UUID id = offerId.value();
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(id.getMostSignificantBits() ^ id.getLeastSignificantBits())
                .query((rs, row) -> row).list();
    }

    /** The offer's deadlines, named by the offer's id (B2BOffer.schedule), locked as its commands are. */
    private final class DeadlineLocks implements MessageHandlerInterceptor<DeadlineMessage<?>> {
        @Override
        public Object handle(UnitOfWork<? extends DeadlineMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            DeadlineMessage<?> deadline = unitOfWork.getMessage();
            boolean offers = B2BOffer.END_DEADLINE.equals(deadline.getDeadlineName())
                    || B2BOffer.ENDING_SOON_DEADLINE.equals(deadline.getDeadlineName());
            if (offers && deadline.getPayload() instanceof String id) {
                B2BOfferId offerId = B2BOfferId.of(id);
                lockNode(unitOfWork, offerId);
                lockCluster(offerId);
                aggregateCache.remove(offerId.toString());
            }
            return chain.proceed();
        }
    }

    private void ensureCurrent(B2BOfferId offerId) {
        String id = offerId.toString();
        Aggregate<B2BOffer> offer = repositories.of(B2BOffer.class).load(id);
        Long stored = sequences.newest(List.of(id)).get(id);
        if (offer.version() != null && stored != null && offer.version() < stored) {
            throw new ConcurrencyException("Offer " + id + " was changed on another node");
        }
    }
}
