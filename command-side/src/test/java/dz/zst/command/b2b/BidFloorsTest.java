package dz.zst.command.b2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dz.zst.domain.b2b.AuctionRules;
import dz.zst.domain.b2b.B2BCommands.RespondToB2BOfferCommand;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BOfferView;
import dz.zst.domain.b2b.B2BResponseId;
import dz.zst.domain.b2b.OfferStatus;
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.b2b.ResponseType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The node's early refusal of hopeless bids: it refuses only what the offer would refuse as too
 * low, in the offer's words, and leaves to the offer every bid that something else might refuse.
 */
class BidFloorsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final UUID OFFER = UUID.randomUUID();
    private static final UserId OWNER = new UserId(UUID.randomUUID());
    private static final Actor GROSSISTE = new Actor(new UserId(UUID.randomUUID()), Role.SELLER,
            SellerCategory.GROSSISTE);

    private final AtomicLong nanoTime = new AtomicLong();
    private final BidFloors floors = new BidFloors(AuctionRules.DEFAULTS, nanoTime::get);

    private static B2BOfferView auction(OfferStatus status, String currentBid, Instant endsAt) {
        return new B2BOfferView(OFFER, OWNER.value(), "Lot", null, List.of(), List.of(), new BigDecimal("1000.00"), 10,
                100, OfferType.AUCTION, status, currentBid == null ? null : new BigDecimal(currentBid), null,
                NOW.minus(1, ChronoUnit.HOURS), endsAt, SellerCategory.GROSSISTE, null, 0, NOW, NOW);
    }

    private static RespondToB2BOfferCommand bid(Actor bidder, String amount, int quantity, Instant at) {
        return new RespondToB2BOfferCommand(new B2BOfferId(OFFER), B2BResponseId.random(), bidder, ResponseType.BID,
                new BigDecimal(amount), quantity, null, at);
    }

    private static RespondToB2BOfferCommand bid(String amount) {
        return bid(GROSSISTE, amount, 10, NOW);
    }

    @Test
    void aBidBelowTheReadModelsCurrentBidPlusTheIncrementIsRefusedInTheOffersWords() {
        floors.observe(auction(OfferStatus.ACTIVE, "5000.00", NOW.plus(1, ChronoUnit.HOURS)));

        assertThatThrownBy(() -> floors.refuseHopeless(bid("5099.99")))
                .isInstanceOf(BusinessRuleViolationException.class)
                .hasMessage("A bid must be at least 5100.00 DZD: the current bid of 5000.00 DZD plus the minimum "
                        + "increment of 100 DZD");
        assertThatCode(() -> floors.refuseHopeless(bid("5100"))).doesNotThrowAnyException();
    }

    @Test
    void aBidThisNodeCommittedRaisesTheFloorAndAStaleViewNeverLowersIt() {
        floors.observe(auction(OfferStatus.ACTIVE, null, NOW.plus(1, ChronoUnit.HOURS)));
        assertThatThrownBy(() -> floors.refuseHopeless(bid("999")))
                .hasMessage("A first bid must reach the base price of 1000.00 DZD");

        floors.raise(new B2BOfferId(OFFER), new BigDecimal("7000"));
        floors.observe(auction(OfferStatus.ACTIVE, "5000.00", NOW.plus(1, ChronoUnit.HOURS)));

        assertThat(floors.knownBid(OFFER)).isEqualByComparingTo("7000");
        assertThatThrownBy(() -> floors.refuseHopeless(bid("7099")))
                .hasMessageContaining("the current bid of 7000.00 DZD");
    }

    @Test
    void whatTheOfferWouldRefuseForAnotherReasonIsLeftToTheOffer() {
        floors.observe(auction(OfferStatus.ACTIVE, "5000.00", NOW.plus(1, ChronoUnit.HOURS)));
        Actor importateur = new Actor(new UserId(UUID.randomUUID()), Role.SELLER, SellerCategory.IMPORTATEUR);
        Actor owner = new Actor(OWNER, Role.SELLER, SellerCategory.GROSSISTE);

        assertThatCode(() -> floors.refuseHopeless(bid(importateur, "1", 10, NOW))).as("wrong tier: 403")
                .doesNotThrowAnyException();
        assertThatCode(() -> floors.refuseHopeless(bid(owner, "1", 10, NOW))).as("the owner: 403")
                .doesNotThrowAnyException();
        assertThatCode(() -> floors.refuseHopeless(bid(GROSSISTE, "1", 9, NOW))).as("quantity below the minimum")
                .doesNotThrowAnyException();
        assertThatCode(() -> floors.refuseHopeless(bid(GROSSISTE, "1", 101, NOW))).as("quantity above what is left")
                .doesNotThrowAnyException();
        assertThatCode(() -> floors.refuseHopeless(bid(GROSSISTE, "-1", 10, NOW))).as("a negative amount")
                .doesNotThrowAnyException();
        assertThatCode(() -> floors.refuseHopeless(bid(GROSSISTE, "1", 10, NOW.plus(2, ChronoUnit.HOURS))))
                .as("past the end").doesNotThrowAnyException();
        assertThatCode(() -> floors.refuseHopeless(bid(GROSSISTE, "1", 10, NOW.minus(2, ChronoUnit.HOURS))))
                .as("before the start").doesNotThrowAnyException();
    }

    @Test
    void anOfferNoLongerActiveIsForgottenAndAnUnknownOneIsLeftToTheOffer() {
        assertThatCode(() -> floors.refuseHopeless(bid("1"))).doesNotThrowAnyException();

        floors.observe(auction(OfferStatus.ACTIVE, "5000.00", NOW.plus(1, ChronoUnit.HOURS)));
        floors.observe(auction(OfferStatus.SOLD, "5000.00", NOW.plus(1, ChronoUnit.HOURS)));

        assertThat(floors.knownBid(OFFER)).isNull();
        assertThatCode(() -> floors.refuseHopeless(bid("1"))).as("the offer says it is sold")
                .doesNotThrowAnyException();
    }

    @Test
    void anEndMovedByASoftCloseIsLearnedFromTheReadModel() {
        floors.observe(auction(OfferStatus.ACTIVE, "5000.00", NOW.plus(1, ChronoUnit.MINUTES)));
        floors.observe(auction(OfferStatus.ACTIVE, "5000.00", NOW.plus(3, ChronoUnit.MINUTES)));

        assertThatThrownBy(() -> floors.refuseHopeless(bid(GROSSISTE, "5000", 10, NOW.plus(2, ChronoUnit.MINUTES))))
                .isInstanceOf(BusinessRuleViolationException.class);
    }

    @Test
    void beforeTheRouteReadsTheOfferOnlyWhatWasLearnedWithinASecondRefuses() {
        floors.observe(auction(OfferStatus.ACTIVE, "5000.00", NOW.plus(1, ChronoUnit.HOURS)));
        assertThatThrownBy(() -> floors.refuseHopelessUnread(bid("5000"))).isInstanceOf(
                BusinessRuleViolationException.class);

        nanoTime.addAndGet(BidFloors.UNREAD_FOR.toNanos() + 1);
        assertThatCode(() -> floors.refuseHopelessUnread(bid("5000"))).as("read the offer again first")
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> floors.refuseHopeless(bid("5000"))).as("once read, what is known still holds")
                .isInstanceOf(BusinessRuleViolationException.class);

        floors.raise(new B2BOfferId(OFFER), new BigDecimal("6000"));
        assertThatThrownBy(() -> floors.refuseHopelessUnread(bid("6050"))).as("a commit is learning too")
                .hasMessageContaining("the current bid of 6000.00 DZD");
    }
}
