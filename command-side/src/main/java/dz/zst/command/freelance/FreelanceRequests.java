package dz.zst.command.freelance;

import dz.zst.domain.freelance.FreelanceOrderStatus;
import dz.zst.domain.freelance.PortfolioMediaType;
import dz.zst.domain.freelance.PricingTier;
import dz.zst.domain.freelance.ServiceCategory;
import dz.zst.domain.freelance.ServiceDetails;
import dz.zst.domain.freelance.ServicePackage;
import dz.zst.domain.freelance.ServicePatch;
import dz.zst.domain.freelance.ServicePatch.PackagePatch;
import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.Money;
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
import java.util.List;

/**
 * Bodies of the freelance write routes (API.md §10), in the earlier backend's field names, which the
 * app sends; unknown fields are refused like everywhere. Rules over several fields (a tier needs its
 * price and delivery days) are the aggregate's.
 */
final class FreelanceRequests {
    private FreelanceRequests() {
    }

    /** Validation group of the fields a new service must have. */
    interface OnCreate {
    }

    record ServiceBody(
            @NotBlank(groups = OnCreate.class) @Size(min = 1, max = ServiceDetails.MAX_TITLE) String title,
            @Size(max = ServiceDetails.MAX_DESCRIPTION) String description,
            @NotNull(groups = OnCreate.class) ServiceCategory category,
            @Size(max = ServiceDetails.MAX_TAGS) List<@NotBlank @Size(max = 50) String> tags,
            @NotNull(groups = OnCreate.class) @DecimalMin("0") @DecimalMax(Money.MAX_PRICE_TEXT)
            @Digits(integer = 8, fraction = 2) BigDecimal priceBasic,
            @NotBlank(groups = OnCreate.class) @Size(max = ServicePackage.MAX_DESCRIPTION) String basicDescription,
            @NotNull(groups = OnCreate.class) @Min(1) @Max(ServicePackage.MAX_DELIVERY_DAYS) Integer basicDeliveryDays,
            @DecimalMin("0") @DecimalMax(Money.MAX_PRICE_TEXT) @Digits(integer = 8, fraction = 2)
            BigDecimal priceStandard,
            @Size(max = ServicePackage.MAX_DESCRIPTION) String standardDescription,
            @Min(1) @Max(ServicePackage.MAX_DELIVERY_DAYS) Integer standardDeliveryDays,
            @DecimalMin("0") @DecimalMax(Money.MAX_PRICE_TEXT) @Digits(integer = 8, fraction = 2)
            BigDecimal pricePremium,
            @Size(max = ServicePackage.MAX_DESCRIPTION) String premiumDescription,
            @Min(1) @Max(ServicePackage.MAX_DELIVERY_DAYS) Integer premiumDeliveryDays,
            @Size(max = 2048) String coverImageUrl,
            @Size(max = 2048) String videoUrl) {

        ServiceDetails toDetails() {
            return new ServiceDetails(title == null ? null : title.strip(), description, category, stripped(tags),
                    tier(priceBasic, basicDescription, basicDeliveryDays),
                    tier(priceStandard, standardDescription, standardDeliveryDays),
                    tier(pricePremium, premiumDescription, premiumDeliveryDays));
        }

        ServicePatch toPatch() {
            return new ServicePatch(title == null ? null : title.strip(), description, category, stripped(tags),
                    new PackagePatch(priceBasic, basicDescription, basicDeliveryDays),
                    new PackagePatch(priceStandard, standardDescription, standardDeliveryDays),
                    new PackagePatch(pricePremium, premiumDescription, premiumDeliveryDays));
        }

        /** A tier is sold when any of its fields is given; the aggregate then requires its price and days. */
        private static ServicePackage tier(BigDecimal price, String description, Integer days) {
            if (price == null && description == null && days == null) {
                return null;
            }
            return new ServicePackage(price, description, days == null ? 0 : days);
        }

        private static List<String> stripped(List<String> tags) {
            return tags == null ? null : tags.stream().map(String::strip).toList();
        }
    }

    /** A portfolio item whose media was uploaded through a presigned URL. */
    record PortfolioItemBody(
            @NotNull PortfolioMediaType type,
            @NotBlank @Size(max = 2048) String mediaUrl,
            @Size(max = PortfolioItem.MAX_TITLE) String title,
            @Size(max = PortfolioItem.MAX_DESCRIPTION) String description,
            @Pattern(regexp = Ids.UUID_PATTERN, message = "must be a UUID") String serviceId,
            @Min(0) @Max(PortfolioItem.MAX_DISPLAY_ORDER) Integer displayOrder) {
    }

    record PlaceOrder(
            @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = "must be a UUID") String serviceId,
            @NotNull PricingTier pricingTier,
            @NotBlank @Size(max = FreelanceOrdering.MAX_REQUIREMENTS) String requirements) {
    }

    /** The client's move: {@code reason} is kept with a revision request or a cancel. */
    record ClientStatus(@NotNull FreelanceOrderStatus status, @Size(max = 1000) String reason) {
    }

    record FreelancerStatus(@NotNull FreelanceOrderStatus status, @Size(max = 2000) String freelancerNotes) {
    }

    record Review(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 1000) String review) {
    }
}
