package dz.zst.domain.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A partial update: null means "leave as it is". */
public record ProductPatch(
        String name,
        String brand,
        String description,
        String sku,
        Category category,
        String productType,
        BigDecimal price,
        BigDecimal originalPrice,
        Integer minOrderQuantity,
        Boolean isNew,
        Boolean isPromo,
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
        String videoUrl,
        Integer stock) {

    public ProductDetails applyTo(ProductDetails d) {
        return new ProductDetails(
                or(name, d.name()), or(brand, d.brand()), or(description, d.description()), or(sku, d.sku()),
                or(category, d.category()), or(productType, d.productType()), or(price, d.price()),
                or(originalPrice, d.originalPrice()), or(minOrderQuantity, d.minOrderQuantity()),
                or(isNew, d.isNew()), or(isPromo, d.isPromo()), or(countdownEndDate, d.countdownEndDate()),
                or(benefits, d.benefits()), or(ingredients, d.ingredients()),
                or(usageInstructions, d.usageInstructions()), or(deliveryEstimate, d.deliveryEstimate()),
                or(shippingInfo, d.shippingInfo()), or(returnsInfo, d.returnsInfo()), or(paymentInfo, d.paymentInfo()),
                or(exclusiveOffers, d.exclusiveOffers()), or(tags, d.tags()), or(weight, d.weight()),
                or(specifications, d.specifications()), or(videoUrl, d.videoUrl()));
    }

    private static <T> T or(T value, T current) {
        return value != null ? value : current;
    }
}
