package dz.zst.command.b2b;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dz.zst.domain.b2b.B2BCommands.RespondToB2BOfferCommand;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BResponseId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.DomainException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The bid route's answer to a bid that cannot win, decided without the route: the body read and
 * validated as Spring MVC reads and validates it for {@link B2BCommandController#respond} (the
 * same mapper, the same constraints), the command built as the route builds it, and refused by
 * {@link BidFloors#refuseHopelessUnread} exactly when the route would refuse it there, before it
 * reads the offer. For the web layer's shortcut in front of the security chain: on a hot auction
 * nearly every bid is such a refusal (issue 20's bench: 1,068 refused for 6 accepted a second),
 * and the authenticated Spring MVC request around it cost ten times the decision.
 *
 * <p>A bid that may still win takes its {@linkplain #turn turn} on the offer first: on a hot
 * auction the bidders who were all told the same amount to beat send it at once, one of them wins
 * and every other one is then hopeless. Taken one at a time in front of the route, they wait for
 * the bid ahead of them without using the CPU, and all but the winner are then refused here; let
 * through together, each cost the whole authenticated route (1.3 ms of CPU) to be refused under
 * the offer's lock in {@link OfferLocks}, which they queued for anyway. The turn is only this
 * node's and only an economy: what makes bids on an offer safe is still {@link OfferLocks}.
 */
@Component
public class HopelessBids {

    /**
     * How old the facts behind a refusal here may be: what was learned of the offer, and (the web
     * layer's part) who the bidder is.
     */
    public static final Duration FRESH_FOR = BidFloors.UNREAD_FOR;

    /** Longest wait for a turn; past it the bid goes the route's way without one. */
    static final Duration TURN_WAIT = Duration.ofSeconds(1);

    private final BidFloors floors;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final Clock clock;
    /** One fair lock per offer with bids in front of the route lately; losing one while held costs nothing but the economy. */
    private final Cache<B2BOfferId, ReentrantLock> turns = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public HopelessBids(BidFloors floors, ObjectMapper mapper, Validator validator, ObjectProvider<Clock> clock) {
        this.floors = floors;
        this.mapper = mapper;
        this.validator = validator;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Whether a bid on {@code offerId} might be judged here at all: worth verifying its token for. */
    public boolean mayJudge(B2BOfferId offerId) {
        return floors.knowsFreshly(offerId);
    }

    /**
     * {@code body} from {@code bidder} on {@code offerId} as the route would send it, if it is a bid
     * that the floor judges on its amount alone; empty when the route must decide it (a body the
     * route would refuse or read otherwise, a negotiation, a bid outside the offer's terms, from
     * someone who may not bid, on an offer not learned within the last second).
     */
    public Optional<RespondToB2BOfferCommand> judgeable(B2BOfferId offerId, byte[] body, Actor bidder) {
        B2BRequests.Respond request;
        try {
            request = mapper.readValue(body, B2BRequests.Respond.class);
        } catch (IOException refusedOrReadOtherwise) {
            return Optional.empty();
        }
        if (request == null || !validator.validate(request).isEmpty()) {
            return Optional.empty();
        }
        RespondToB2BOfferCommand command = request.command(offerId, B2BResponseId.random(), bidder, clock.instant());
        return floors.judgesUnread(command) ? Optional.of(command) : Optional.empty();
    }

    /** The route's refusal of a judgeable bid as things stand now, or empty when it may win. */
    public Optional<DomainException> refusal(RespondToB2BOfferCommand bid) {
        try {
            floors.refuseHopelessUnread(bid);
            return Optional.empty();
        } catch (DomainException refused) {
            return Optional.of(refused);
        }
    }

    /**
     * Waits for this bid's turn on the offer (at most {@link #TURN_WAIT}) and returns what ends it,
     * to be closed once the route has answered; a bid that did not get one in time (or was
     * interrupted) goes without, and its close does nothing.
     */
    public Turn turn(B2BOfferId offerId) {
        ReentrantLock lock = turns.get(offerId, id -> new ReentrantLock(true));
        try {
            if (lock.tryLock(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return lock::unlock;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return () -> { };
    }

    /** The end of a bid's turn. */
    @FunctionalInterface
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }
}
