package dz.zst.domain.notifications;

import java.util.Locale;

/** The kinds of notification (API.md §10, the B2B kinds of §8), by their wire name. */
public enum NotificationType {
    /** To the seller of a new order. */
    NEW_ORDER,
    /** To the buyer, as its order moves. */
    ORDER_CONFIRMED, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED,
    /** To every seller of the offer's target tier. */
    NEW_OFFER,
    /** To the offer's owner. */
    NEW_BID,
    /** To the bidder whose leading bid another bidder beat. */
    OUTBID,
    /** To the offer's owner. */
    NEGOTIATION_SUBMITTED,
    /** To the buyer of the negotiation. */
    NEGOTIATION_ACCEPTED, NEGOTIATION_REJECTED,
    /** To the winner, and to every other bidder. */
    AUCTION_WON, AUCTION_LOST,
    /** To every bidder of the auction. */
    AUCTION_ENDING_SOON,
    /** To the owner of an offer that ended unsold. */
    OFFER_EXPIRED,
    /** To the freelancer of a new freelance order, and as it is sent back for a revision or completed. */
    FREELANCE_ORDER_NEW, FREELANCE_ORDER_REVISION_REQUESTED, FREELANCE_ORDER_COMPLETED,
    /** To the client, as the freelancer accepts or delivers its order. */
    FREELANCE_ORDER_ACCEPTED, FREELANCE_ORDER_DELIVERED,
    /** To the party that did not cancel. */
    FREELANCE_ORDER_CANCELLED,
    /** To the freelancer whose order the client reviewed. */
    FREELANCE_REVIEW,
    /**
     * To the recipient of a message: one per conversation and unread run, updated by the run's
     * later messages (API.md §13).
     */
    MESSAGE_NEW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
