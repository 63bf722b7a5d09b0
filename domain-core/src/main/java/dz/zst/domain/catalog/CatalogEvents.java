package dz.zst.domain.catalog;

import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Events of the Product aggregate. Facts forever: change only through upcasters. */
public final class CatalogEvents {
    private CatalogEvents() {
    }

    @Revision("1")
    public record ProductCreatedEvent(ProductId productId, UserId sellerId, SellerCategory sellerCategory,
                                      String slug, ProductDetails details, int stock, List<ProductImage> images) {
    }

    @Revision("1")
    public record ProductDetailsChangedEvent(ProductId productId, ProductDetails details,
                                             SellerCategory sellerCategory) {
    }

    /** The seller set the stock on hand to a new figure. */
    @Revision("1")
    public record ProductStockAdjustedEvent(ProductId productId, int stock) {
    }

    @Revision("1")
    public record StockReservedEvent(ProductId productId, int quantity, int remaining, String reference) {
    }

    @Revision("1")
    public record StockReleasedEvent(ProductId productId, int quantity, int remaining, String reference) {
    }

    @Revision("1")
    public record ProductImageAttachedEvent(ProductId productId, ProductImage image) {
    }

    @Revision("1")
    public record ProductDeletedEvent(ProductId productId) {
    }
}
