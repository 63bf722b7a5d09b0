package dz.zst.domain.catalog;

import dz.zst.domain.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a seller describes about a product. Stock, images, slug and ownership are not here:
 * they change through their own commands and events.
 */
public record ProductDetails(
        String name,
        String brand,
        String description,
        String sku,
        Category category,
        String productType,
        BigDecimal price,
        BigDecimal originalPrice,
        int minOrderQuantity,
        boolean isNew,
        boolean isPromo,
        Instant countdownEndDate,
        List<String> benefits,
        String ingredients,
        String usageInstructions,
        String deliveryEstimate,
        String shippingInfo,
        String returnsInfo,
        String paymentInfo,
        String exclusiveOffers,
        List<String> tags,
        BigDecimal weight,
        Map<String, Object> specifications,
        String videoUrl) {

    public ProductDetails {
        benefits = benefits == null ? List.of() : List.copyOf(benefits);
        tags = tags == null ? List.of() : List.copyOf(tags);
        specifications = specifications == null ? Map.of() : Map.copyOf(specifications);
    }

    /** The invariants every version of a product keeps, whatever path the data came through. */
    public void validate() {
        if (name == null || name.strip().length() < 3 || name.length() > 200) {
            throw new IllegalArgumentException("name must be between 3 and 200 characters");
        }
        if (description != null && description.length() > 2000) {
            throw new IllegalArgumentException("description must be at most 2000 characters");
        }
        if (brand != null && brand.length() > 100) {
            throw new IllegalArgumentException("brand must be at most 100 characters");
        }
        if (category == null) {
            throw new IllegalArgumentException("category is required");
        }
        requireMoney(price, "price", true);
        requireMoney(originalPrice, "original_price", false);
        if (minOrderQuantity < 1) {
            throw new IllegalArgumentException("min_order_quantity must not be less than 1");
        }
        if (specifications.toString().indexOf('\0') >= 0) {
            throw new IllegalArgumentException("specifications must not contain NUL characters");
        }
        if (weight != null && weight.signum() < 0) {
            throw new IllegalArgumentException("weight must not be negative");
        }
    }

    private static void requireMoney(BigDecimal amount, String field, boolean required) {
        if (amount == null) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return;
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be less than 0");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(field + " must have at most 2 decimals");
        }
        Money.requireAtMost(amount, Money.MAX_PRICE, field, "the largest unit price");
    }
}
