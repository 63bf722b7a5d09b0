package dz.zst.command.b2b;

import dz.zst.domain.b2b.B2BCommands.OfferTerms;
import dz.zst.domain.b2b.B2BCommands.RespondToB2BOfferCommand;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BResponseId;
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.b2b.ResponseType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Money;
import dz.zst.domain.shared.SellerCategory;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Bodies of the B2B write routes (API.md §8); unknown fields are refused like everywhere. The rules
 * that depend on the offer or on time (target tier, dates, quantities against the offer, the
 * leading bid) are the aggregate's.
 */
final class B2BRequests {
    private B2BRequests() {
    }

    static final int MAX_IMAGES = 20;
    static final int MAX_TAGS = 30;

    record CreateOffer(
            @NotBlank @Size(max = B2BOffer.MAX_TITLE) String title,
            @Size(max = B2BOffer.MAX_DESCRIPTION) String description,
            @Size(max = MAX_IMAGES) List<@NotBlank @Size(max = 2048)
                    @Pattern(regexp = "https?://\\S+|/media/\\S+", message = "must be an http(s) URL") String> images,
            @Size(max = MAX_TAGS) List<@NotBlank @Size(max = 50) String> tags,
            @NotNull @DecimalMin("0") @DecimalMax(Money.MAX_PRICE_TEXT) @Digits(integer = 8, fraction = 2)
            BigDecimal basePrice,
            @NotNull @Min(1) @Max(B2BOffer.MAX_QUANTITY) Integer minQuantity,
            @NotNull @Min(1) @Max(B2BOffer.MAX_QUANTITY) Integer availableQuantity,
            @NotNull OfferType offerType,
            @NotNull SellerCategory targetCategory,
            Instant startsAt,
            Instant endsAt) {

        OfferTerms terms() {
            return new OfferTerms(title, description, images, tags == null ? null : tags.stream().map(String::strip)
                    .toList(), basePrice, minQuantity, availableQuantity, offerType, targetCategory, startsAt, endsAt);
        }
    }

    /** @param amount a unit price, DZD, as the base price is */
    record Respond(
            @NotNull ResponseType responseType,
            @NotNull @DecimalMin("0") @DecimalMax(Money.MAX_PRICE_TEXT) @Digits(integer = 8, fraction = 2)
            BigDecimal amount,
            @NotNull @Min(1) @Max(B2BOffer.MAX_QUANTITY) Integer quantity,
            @Size(max = B2BOffer.MAX_MESSAGE) String message) {

        RespondToB2BOfferCommand command(B2BOfferId offerId, B2BResponseId responseId, Actor buyer, Instant at) {
            return new RespondToB2BOfferCommand(offerId, responseId, buyer, responseType, amount, quantity, message, at);
        }
    }
}
