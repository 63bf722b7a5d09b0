package dz.zst.domain.catalog;

import dz.zst.domain.shared.PublicSellerView;
import dz.zst.domain.shared.SellerCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A product as the API shows it (API.md §4). */
public record ProductView(
        String id, String slug, String name, String brand, String description, String sku, Category category,
        String productType, BigDecimal price, BigDecimal originalPrice, int stock, int minOrderQuantity,
        boolean inStock, boolean isNew, boolean isPromo, BigDecimal rating, int viewersCount,
        Instant countdownEndDate, List<String> benefits, String ingredients, String usageInstructions,
        String deliveryEstimate, String shippingInfo, String returnsInfo, String paymentInfo,
        String exclusiveOffers, List<String> tags, BigDecimal weight, Map<String, Object> specifications,
        String primaryImage, String videoUrl, List<Image> images, String sellerId, SellerCategory sellerCategory,
        PublicSellerView seller, Instant createdAt, Instant updatedAt) {

    public record Image(String id, String imageUrl, boolean isPrimary, int displayOrder) {
    }
}
