package dz.zst.domain.b2b;

import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Events of the B2BOffer aggregate, which owns its responses: the offer's whole history, bid by bid,
 * read back by auditors with the actor of each in its metadata. Each carries what its notifications
 * will need (API.md §8: who is told what), so no projection has to look anything up. Facts forever:
 * change only through upcasters.
 */
public final class B2BEvents {
    private B2BEvents() {
    }

    /** A response set aside by a change of the offer, and whose it was (to tell them). */
    public record SetAside(B2BResponseId responseId, UserId buyerId) {
    }

    /** The offer is listed for its target tier (new_offer). {@code endsAt} may be null for a negotiable offer. */
    @Revision("1")
    public record B2BOfferCreatedEvent(B2BOfferId offerId, UserId sellerId, SellerCategory sellerCategory,
                                       String title, String description, List<String> images, List<String> tags,
                                       BigDecimal basePrice, int minQuantity, int availableQuantity,
                                       OfferType offerType, SellerCategory targetCategory, Instant startsAt,
                                       Instant endsAt) {
    }

    /**
     * A bid now leads (new_bid to the seller; outbid to the previous leader, if another bidder).
     *
     * @param outbid  the bid it displaced, null for the first bid
     * @param endsAt  the auction's end after this bid (moved by a bid in the last stretch)
     */
    @Revision("1")
    public record B2BBidPlacedEvent(B2BOfferId offerId, B2BResponseId responseId, UserId bidderId, UserId sellerId,
                                    BigDecimal amount, int quantity, String message, SetAside outbid,
                                    Instant endsAt, boolean extended) {
    }

    /** A negotiation is pending the seller's decision (negotiation_submitted to the seller). */
    @Revision("1")
    public record B2BNegotiationSubmittedEvent(B2BOfferId offerId, B2BResponseId responseId, UserId buyerId,
                                               UserId sellerId, BigDecimal amount, int quantity, String message) {
    }

    /**
     * The seller accepted a negotiation (negotiation_accepted to the buyer): the quantity leaves the
     * offer; pending negotiations that no longer fit are rejected (negotiation_rejected to each).
     *
     * @param availableQuantity what is left; at zero the offer is sold
     */
    @Revision("1")
    public record B2BNegotiationAcceptedEvent(B2BOfferId offerId, B2BResponseId responseId, UserId buyerId,
                                              BigDecimal amount, int quantity, int availableQuantity,
                                              List<SetAside> noLongerFitting, boolean soldOut) {
    }

    /** The seller rejected a negotiation (negotiation_rejected to the buyer). */
    @Revision("1")
    public record B2BNegotiationRejectedEvent(B2BOfferId offerId, B2BResponseId responseId, UserId buyerId) {
    }

    /** The buyer took its pending response back. */
    @Revision("1")
    public record B2BResponseWithdrawnEvent(B2BOfferId offerId, B2BResponseId responseId, UserId buyerId) {
    }

    /** The owner closed the offer; its pending responses are rejected. */
    @Revision("1")
    public record B2BOfferClosedEvent(B2BOfferId offerId, UserId sellerId, List<SetAside> rejected) {
    }

    /** An auction's end is near (auction_ending_soon to its bidders); recorded once per auction. */
    @Revision("1")
    public record B2BAuctionEndingSoonEvent(B2BOfferId offerId, Instant endsAt, List<UserId> bidderIds) {
    }

    /**
     * An auction ended with a winner (auction_won to it, auction_lost to the others): the leading
     * bid is accepted, every other rejected, the offer sold.
     */
    @Revision("1")
    public record B2BAuctionWonEvent(B2BOfferId offerId, UserId sellerId, B2BResponseId winningResponseId,
                                     UserId winnerId, BigDecimal amount, int quantity, List<SetAside> losers) {
    }

    /** An offer reached its end unsold (offer_expired to the seller); pending responses are rejected. */
    @Revision("1")
    public record B2BOfferExpiredEvent(B2BOfferId offerId, UserId sellerId, List<SetAside> rejected) {
    }
}
