package dz.zst.command.b2b;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dz.zst.domain.b2b.AuctionRules;
import dz.zst.domain.b2b.B2BCommands.RespondToB2BOfferCommand;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BOfferView;
import dz.zst.domain.b2b.OfferStatus;
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.b2b.ResponseType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Money;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What this node knows of each live auction's leading bid, so that a bid that cannot beat it is
 * refused without queueing for the offer (issue 20's hot auction: 200 bidders who all saw the same
 * {@code current_bid} send 200 bids that reach it; one wins, and the 199 others used to wait their
 * turn for the offer's lock, load it and roll back, one at a time, ~4.6 ms each).
 *
 * <p>Only ever a refusal the offer itself would make: an auction's current bid never goes down, so a
 * bid below the minimum over a bid known to have been accepted is below the minimum now. What is
 * known comes from the offers read model (the view every bid route reads first, committed state)
 * and from the bids this node commits (raised after the commit, before the offer's node lock is let
 * go: {@link OfferLocks}). Within a second of learning it, a bid is refused before the route even
 * reads the offer ({@link #refuseHopelessUnread}). Anything else a bid could be refused for comes first in the offer
 * (the wrong tier or the owner: 403, before the start, after the end, a quantity out of bounds, an
 * amount out of bounds), so such a bid is left to the offer and gets its own answer. One
 * difference, on purpose: a too-low bid on an offer closed since the read model last said active
 * is told it is too low, not that the offer is closed; it is refused either way.
 */
@Component
public class BidFloors {

    /** An auction's immutable terms, and the highest bid known to be accepted (null: none yet). */
    record Floor(UserId sellerId, SellerCategory target, BigDecimal basePrice, int minQuantity, int availableQuantity,
                 Instant startsAt, Instant endsAt, BigDecimal currentBid, long learnedAtNanos) {

        Floor raisedTo(BigDecimal bid, Instant laterEnd, long nowNanos) {
            BigDecimal highest = bid == null || currentBid != null && currentBid.compareTo(bid) >= 0 ? currentBid : bid;
            Instant end = laterEnd != null && laterEnd.isAfter(endsAt) ? laterEnd : endsAt;
            return new Floor(sellerId, target, basePrice, minQuantity, availableQuantity, startsAt, end, highest,
                    nowNanos);
        }
    }

    /** How long what was learned may answer a bid before the offer is read again (see {@link #refuseHopelessUnread}). */
    static final Duration UNREAD_FOR = Duration.ofSeconds(1);

    private final AuctionRules rules;
    private final Cache<B2BOfferId, Floor> floors = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();

    private final LongSupplier nanoTime;

    @Autowired
    public BidFloors(AuctionRules rules) {
        this(rules, System::nanoTime);
    }

    BidFloors(AuctionRules rules, LongSupplier nanoTime) {
        this.rules = rules;
        this.nanoTime = nanoTime;
    }

    /** Learns from the read model's view of an offer; an offer no longer active is forgotten. */
    public void observe(B2BOfferView view) {
        B2BOfferId offerId = new B2BOfferId(view.id());
        if (view.offerType() != OfferType.AUCTION || view.status() != OfferStatus.ACTIVE || view.endsAt() == null) {
            floors.invalidate(offerId);
            return;
        }
        floors.asMap().compute(offerId, (id, known) -> {
            long now = nanoTime.getAsLong();
            Floor seen = new Floor(new UserId(view.sellerId()), view.targetCategory(), view.basePrice(),
                    view.minQuantity(), view.availableQuantity(), view.startsAt(), view.endsAt(), view.currentBid(), now);
            return known == null ? seen : known.raisedTo(view.currentBid(), view.endsAt(), now);
        });
    }

    /** A bid this node has just committed: the new leading amount. */
    void raise(B2BOfferId offerId, BigDecimal amount) {
        floors.asMap().computeIfPresent(offerId, (id, known) -> known.raisedTo(money(amount), null, nanoTime.getAsLong()));
    }

    /**
     * Throws the offer's own "too low" refusal for a bid that cannot beat the highest bid known
     * accepted; does nothing for any other command, or when anything else might be its answer.
     */
    public void refuseHopeless(RespondToB2BOfferCommand command) {
        refuse(command, Long.MAX_VALUE);
    }

    /**
     * As {@link #refuseHopeless}, before the bid route has read the offer, on what was learned within
     * the last {@link #UNREAD_FOR}: most bids on a hot auction are refused without a query. The
     * offer is visible to a bidder of its target tier while it is active, so the refusal tells it
     * nothing it could not see; an offer closed since is told too low for at most that long.
     */
    public void refuseHopelessUnread(RespondToB2BOfferCommand command) {
        refuse(command, UNREAD_FOR.toNanos());
    }

    /** Whether {@link #refuseHopelessUnread} could refuse a bid on {@code offerId} now. */
    boolean knowsFreshly(B2BOfferId offerId) {
        return learnedWithin(floors.getIfPresent(offerId), UNREAD_FOR.toNanos());
    }

    /**
     * Whether {@link #refuseHopelessUnread} judges {@code command} on its amount alone: a bid from
     * someone who may bid, within the offer's terms, on an offer learned within the last second.
     */
    boolean judgesUnread(RespondToB2BOfferCommand command) {
        return judges(floors.getIfPresent(command.offerId()), command, UNREAD_FOR.toNanos());
    }

    /** Whether {@code floor}, learned within {@code maxAgeNanos}, decides {@code command} on its amount alone. */
    private boolean judges(Floor floor, RespondToB2BOfferCommand command, long maxAgeNanos) {
        return learnedWithin(floor, maxAgeNanos) && command.responseType() == ResponseType.BID
                && judgedOnAmountAlone(floor, command);
    }

    private boolean learnedWithin(Floor floor, long maxAgeNanos) {
        return floor != null && nanoTime.getAsLong() - floor.learnedAtNanos() <= maxAgeNanos;
    }

    private void refuse(RespondToB2BOfferCommand command, long maxAgeNanos) {
        Floor floor = floors.getIfPresent(command.offerId());
        if (!judges(floor, command, maxAgeNanos)) {
            return;
        }
        rules.requireReaches(floor.basePrice(), floor.currentBid(), money(command.amount()));
    }

    private static boolean judgedOnAmountAlone(Floor floor, RespondToB2BOfferCommand command) {
        Actor buyer = command.buyer();
        Instant at = command.at();
        BigDecimal amount = command.amount();
        return buyer != null && buyer.isSeller() && buyer.sellerCategory() == floor.target()
                && !buyer.is(floor.sellerId()) && at != null && !at.isBefore(floor.startsAt())
                && at.isBefore(floor.endsAt()) && command.quantity() >= floor.minQuantity()
                && command.quantity() <= floor.availableQuantity() && amount != null && amount.signum() >= 0
                && amount.compareTo(Money.MAX_PRICE) <= 0;
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** For tests: what this node knows of an offer's leading bid. */
    BigDecimal knownBid(UUID offerId) {
        Floor floor = floors.getIfPresent(new B2BOfferId(offerId));
        return floor == null ? null : floor.currentBid();
    }
}
