package dz.zst.query.catalog;

import dz.zst.domain.catalog.CatalogQueries.ProductFilter;
import dz.zst.domain.catalog.CatalogQueries.SortBy;
import dz.zst.domain.catalog.Category;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The query string of GET /api/v1/products (API.md §4) as given, before validation. The controller
 * binds it from its parameters; {@link #fromQuery} reads it from a raw query string for the guest
 * shortcut and gives up (empty) on anything it would not read exactly as Spring's binding does, so
 * that such requests take the full path and get its answer, error shape included.
 */
public record ProductListRequest(int page, int limit, String search, String category, String sellerCategory,
                                 String sellerId, BigDecimal minPrice, BigDecimal maxPrice, String brand,
                                 boolean inStock, String sortBy, String sortOrder) {

    static final Set<String> PARAMETERS = Set.of("page", "limit", "search", "category", "seller_category",
            "seller_id", "min_price", "max_price", "brand", "in_stock", "sort_by", "sort_order");

    /** The defaults of the controller's parameters. */
    public static final ProductListRequest DEFAULTS = new ProductListRequest(1, 20, null, null, null, null, null,
            null, null, true, "created_at", "DESC");

    /**
     * Only known parameters, each given once, with values that need no conversion rule beyond the
     * plain one (integers, decimals, {@code true}/{@code false}); anything else is empty.
     */
    public static Optional<ProductListRequest> fromQuery(Map<String, String[]> parameters) {
        if (!PARAMETERS.containsAll(parameters.keySet())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProductListRequest(
                    integer(one(parameters, "page"), DEFAULTS.page), integer(one(parameters, "limit"), DEFAULTS.limit),
                    one(parameters, "search"), one(parameters, "category"), one(parameters, "seller_category"),
                    one(parameters, "seller_id"), decimal(one(parameters, "min_price")),
                    decimal(one(parameters, "max_price")), one(parameters, "brand"),
                    bool(one(parameters, "in_stock"), DEFAULTS.inStock),
                    orDefault(one(parameters, "sort_by"), DEFAULTS.sortBy),
                    orDefault(one(parameters, "sort_order"), DEFAULTS.sortOrder)));
        } catch (IllegalArgumentException notPlain) {
            return Optional.empty();
        }
    }

    /** Validated: the filter and page of the query, or IllegalArgumentException naming the bad field. */
    ProductFilter filter() {
        if (minPrice != null && minPrice.signum() < 0 || maxPrice != null && maxPrice.signum() < 0) {
            throw new IllegalArgumentException("min_price and max_price must not be less than 0");
        }
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw new IllegalArgumentException("min_price must not be greater than max_price");
        }
        return filter(search, category, sellerCategory, sellerId, minPrice, maxPrice, brand, inStock, sortBy,
                sortOrder);
    }

    PageRequest pageRequest() {
        return PageRequest.of(page, limit);
    }

    /** The filter fields the seller's own list shares with the public one. */
    static ProductFilter filter(String search, String category, String sellerCategory, String sellerId,
                                BigDecimal minPrice, BigDecimal maxPrice, String brand, Boolean inStock,
                                String sortBy, String sortOrder) {
        if (search != null && search.length() > 200) {
            throw new IllegalArgumentException("search must be at most 200 characters");
        }
        boolean ascending = switch (sortOrder.toUpperCase(Locale.ROOT)) {
            case "ASC" -> true;
            case "DESC" -> false;
            default -> throw new IllegalArgumentException("sort_order must be one of ASC, DESC");
        };
        return new ProductFilter(blankToNull(search), category == null ? null : Category.fromWire(category),
                sellerCategory == null ? null : SellerCategory.fromWire(sellerCategory),
                sellerId == null ? null : new UserId(uuid(sellerId, "seller_id")), minPrice, maxPrice,
                blankToNull(brand), inStock, sortBy(sortBy), ascending);
    }

    private static SortBy sortBy(String value) {
        for (SortBy sort : SortBy.values()) {
            if (sort.name().equalsIgnoreCase(value)) {
                return sort;
            }
        }
        throw new IllegalArgumentException("sort_by must be one of created_at, price, name, rating");
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be a UUID");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String one(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null) {
            return null;
        }
        if (values.length != 1) {
            throw new IllegalArgumentException(name + " given more than once");
        }
        return values[0];
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /**
     * The app's integer parameter rule (optional sign, ASCII decimal digits): Integer.parseInt alone
     * also takes other scripts' digits, which the full path refuses.
     */
    private static int integer(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("not a plain integer");
        }
        return Integer.parseInt(value);
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static boolean bool(String value, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a plain boolean");
        };
    }
}
