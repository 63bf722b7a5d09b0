package dz.zst.domain.b2b;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.domain.shared.SellerCategory;

/**
 * Queries over the B2B offers. Visibility is a read rule (API.md §3): a seller sees the active
 * offers targeted at its own tier and its own offers, an admin every offer; to anyone else an offer
 * does not exist (NotFoundException, 404).
 */
public final class B2BQueries {
    private B2BQueries() {
    }

    /** Offers the viewer may see, newest first; {@code status} null means active. Answers an {@link OfferPage}. */
    public record ListB2BOffersQuery(Actor viewer, OfferType offerType, OfferStatus status,
                                     SellerCategory targetCategory, PageRequest page) {
    }

    /** Answers a {@link B2BOfferView}. */
    public record FindB2BOfferQuery(B2BOfferId offerId, Actor viewer) {
    }

    /** The viewer's own offers, every status, newest first. Answers an {@link OfferPage}. */
    public record ListMyB2BOffersQuery(Actor seller, OfferStatus status, PageRequest page) {
    }

    /** The viewer's own responses, newest first. Answers a {@link ResponsePage}. */
    public record ListMyB2BResponsesQuery(Actor buyer, PageRequest page) {
    }

    /** An offer's responses: all for its owner and admins, a bidder's own for a bidder. Answers a {@link ResponsePage}. */
    public record ListB2BOfferResponsesQuery(B2BOfferId offerId, Actor viewer, PageRequest page) {
    }

    /** One response, for its offer's owner, its buyer or an admin. Answers a {@link B2BResponseView}. */
    public record FindB2BResponseQuery(B2BResponseId responseId, Actor viewer) {
    }

    /** Every event of the offer with its actor, from the event store (owner and admin). Answers a {@link B2BOfferHistory}. */
    public record FindB2BOfferHistoryQuery(B2BOfferId offerId, Actor viewer) {
    }

    public record OfferPage(PagedResult<B2BOfferView> page) {
    }

    public record ResponsePage(PagedResult<B2BResponseView> page) {
    }
}
