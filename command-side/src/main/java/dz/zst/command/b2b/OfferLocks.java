package dz.zst.command.b2b;

import dz.zst.domain.b2b.B2BCommands.AcceptB2BResponseCommand;
import dz.zst.domain.b2b.B2BCommands.CloseB2BOfferCommand;
import dz.zst.domain.b2b.B2BCommands.RejectB2BResponseCommand;
import dz.zst.domain.b2b.B2BCommands.RespondToB2BOfferCommand;
import dz.zst.domain.b2b.B2BCommands.WithdrawB2BResponseCommand;
import dz.zst.domain.b2b.B2BOfferId;
import java.util.UUID;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Commands on one offer are taken one at a time by the whole cluster: before the offer is loaded,
 * its PostgreSQL transaction-scoped advisory lock is taken in the command's own transaction (the one
 * that appends its events), as a checkout locks its products. Axon's lock is per node, so two nodes
 * bidding on a hot auction each loaded the same version and raced on the event store's unique key:
 * the loser's retries (AxonConfig, six within a second) ran out under a steady stream of bids and
 * answered 409 (B2BTwoNodeBiddingTest). Locked, the second waits for the first's commit and loads
 * the offer with its bid, and a bid that no longer beats it is the 400 naming the amount to beat.
 */
@Component
public class OfferLocks implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcClient jdbc;

    public OfferLocks(JdbcClient jdbc, CommandBus commandBus) {
        this.jdbc = jdbc;
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        B2BOfferId offerId = offerOf(unitOfWork.getMessage().getPayload());
        if (offerId != null) {
            UUID id = offerId.value();
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(id.getMostSignificantBits() ^ id.getLeastSignificantBits())
                    .query((rs, row) -> row).list();
        }
        return chain.proceed();
    }

    private static B2BOfferId offerOf(Object payload) {
        if (payload instanceof RespondToB2BOfferCommand command) {
            return command.offerId();
        }
        if (payload instanceof AcceptB2BResponseCommand command) {
            return command.offerId();
        }
        if (payload instanceof RejectB2BResponseCommand command) {
            return command.offerId();
        }
        if (payload instanceof WithdrawB2BResponseCommand command) {
            return command.offerId();
        }
        if (payload instanceof CloseB2BOfferCommand command) {
            return command.offerId();
        }
        return null;
    }
}
