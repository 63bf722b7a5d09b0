package dz.zst.domain.catalog;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;

/** Queries over the product read model. Every one carries the viewer: visibility is a read rule. */
public final class CatalogQueries {
    private CatalogQueries() {
    }

    public enum SortBy { CREATED_AT, PRICE, NAME, RATING }

    /** @param inStock null means both in and out of stock. */
    public record ProductFilter(String search, Category category, SellerCategory sellerCategory, UserId sellerId,
                                BigDecimal minPrice, BigDecimal maxPrice, String brand, Boolean inStock,
                                SortBy sortBy, boolean ascending) {
    }

    /** Answers a ProductView, or throws NotFoundException when missing, deleted or invisible to the viewer. */
    public record FindProductQuery(ProductId productId, Actor viewer) {
    }

    public record FindProductBySlugQuery(String slug, Actor viewer) {
    }

    /** Answers a ProductPage. */
    public record ListProductsQuery(ProductFilter filter, PageRequest page, Actor viewer) {
    }

    /** The seller's own products, every tier, deleted ones excluded. Answers a ProductPage. */
    public record ListSellerProductsQuery(UserId sellerId, ProductFilter filter, PageRequest page) {
    }
}
