package dz.zst.domain.catalog;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.SellerCategory;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of the Product aggregate. */
public final class CatalogCommands {
    private CatalogCommands() {
    }

    /** @param sellerCategory the tier the product is listed in; null means the seller's own tier. */
    public record CreateProductCommand(@TargetAggregateIdentifier ProductId productId, Actor actor,
                                       SellerCategory sellerCategory, ProductDetails details, int stock,
                                       List<String> imageUrls) {
    }

    public record UpdateProductCommand(@TargetAggregateIdentifier ProductId productId, Actor actor,
                                       ProductPatch patch, SellerCategory sellerCategory) {
    }

    public record DeleteProductCommand(@TargetAggregateIdentifier ProductId productId, Actor actor) {
    }

    public record AttachProductImageCommand(@TargetAggregateIdentifier ProductId productId, Actor actor,
                                            String imageId, String imageUrl, String thumbnailUrl,
                                            String storageKey) {
    }

    /** Takes stock for an order; refused when it would go below zero. */
    public record ReserveStockCommand(@TargetAggregateIdentifier ProductId productId, int quantity,
                                      String reference) {
    }

    /** Gives back stock an order had taken (cancel, return). */
    public record ReleaseStockCommand(@TargetAggregateIdentifier ProductId productId, int quantity,
                                      String reference) {
    }
}
