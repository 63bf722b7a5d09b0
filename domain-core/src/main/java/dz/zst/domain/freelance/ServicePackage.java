package dz.zst.domain.freelance;

import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.Money;
import java.math.BigDecimal;

/** One pricing tier of a service: what it costs, what it gives, how many days it takes. */
public record ServicePackage(BigDecimal price, String description, int deliveryDays) {

    public static final int MAX_DELIVERY_DAYS = 365;
    public static final int MAX_DESCRIPTION = 1000;

    /** The invariants of a tier, its fields named as the API names them ({@code price_basic}, {@code basic_…}). */
    public void validate(PricingTier tier) {
        String priceField = "price_" + tier.wire();
        if (price == null) {
            throw new InvalidFieldException(priceField, priceField + " is required");
        }
        if (price.signum() < 0) {
            throw new InvalidFieldException(priceField, priceField + " must not be less than 0");
        }
        if (price.stripTrailingZeros().scale() > 2) {
            throw new InvalidFieldException(priceField, priceField + " must have at most 2 decimals");
        }
        Money.requireAtMost(price, Money.MAX_PRICE, priceField, "the largest unit price");
        if (description != null && description.length() > MAX_DESCRIPTION) {
            String field = tier.wire() + "_description";
            throw new InvalidFieldException(field, field + " must be at most " + MAX_DESCRIPTION + " characters");
        }
        if (deliveryDays < 1 || deliveryDays > MAX_DELIVERY_DAYS) {
            String field = tier.wire() + "_delivery_days";
            throw new InvalidFieldException(field, field + " must be between 1 and " + MAX_DELIVERY_DAYS);
        }
    }
}
