package dz.zst.domain.b2b;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.SellerCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the B2B offers (API.md §3, §8). Each carries its actor and the instant it is decided
 * at ({@code at}, from the platform's clock): the offer's rules depend on time (start, end, the
 * anti-sniping window), and a command is judged at the time it was made.
 */
public final class B2BCommands {
    private B2BCommands() {
    }

    /** What a seller describes when it creates an offer. */
    public record OfferTerms(String title, String description, List<String> images, List<String> tags,
                             BigDecimal basePrice, int minQuantity, int availableQuantity, OfferType offerType,
                             SellerCategory targetCategory, Instant startsAt, Instant endsAt) {
        public OfferTerms {
            images = images == null ? List.of() : List.copyOf(images);
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** A command on an existing offer: the ones taken one at a time per offer (command-side OfferLocks). */
    public sealed interface OnOffer {
        B2BOfferId offerId();
    }

    public record CreateB2BOfferCommand(B2BOfferId offerId, Actor seller, OfferTerms terms, Instant at) {
    }

    /** A bid (auctions) or a negotiation (negotiable offers) by a seller of the offer's target tier. */
    public record RespondToB2BOfferCommand(@TargetAggregateIdentifier B2BOfferId offerId, B2BResponseId responseId,
                                           Actor buyer, ResponseType responseType, BigDecimal amount, int quantity,
                                           String message, Instant at) implements OnOffer {
    }

    /** The offer's owner (or an admin) accepts a pending negotiation. */
    public record AcceptB2BResponseCommand(@TargetAggregateIdentifier B2BOfferId offerId, B2BResponseId responseId,
                                           Actor actor, Instant at) implements OnOffer {
    }

    /** The offer's owner (or an admin) rejects a pending negotiation. */
    public record RejectB2BResponseCommand(@TargetAggregateIdentifier B2BOfferId offerId, B2BResponseId responseId,
                                           Actor actor, Instant at) implements OnOffer {
    }

    /** The buyer takes back its pending response. */
    public record WithdrawB2BResponseCommand(@TargetAggregateIdentifier B2BOfferId offerId,
                                             B2BResponseId responseId, Actor actor, Instant at) implements OnOffer {
    }

    /** The owner (or an admin) closes an active offer; its pending responses are rejected. */
    public record CloseB2BOfferCommand(@TargetAggregateIdentifier B2BOfferId offerId, Actor actor, Instant at)
            implements OnOffer {
    }
}
