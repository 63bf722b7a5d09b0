package dz.zst.query.catalog;

import dz.zst.domain.catalog.CatalogQueries.FindProductBySlugQuery;
import dz.zst.domain.catalog.CatalogQueries.FindProductQuery;
import dz.zst.domain.catalog.CatalogQueries.ListProductsQuery;
import dz.zst.domain.catalog.CatalogQueries.ListSellerProductsQuery;
import dz.zst.domain.catalog.CatalogQueries.ProductFilter;
import dz.zst.domain.catalog.ProductPage;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.Slugs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Product queries over the read model. Tier visibility (API.md §3) is part of every query: an
 * invisible product does not exist for that viewer, in lists and by id alike.
 */
@Component
public class ProductQueryHandler {

    private static final ProductRows ROWS = new ProductRows();

    private final JdbcClient jdbc;

    public ProductQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public ProductView find(FindProductQuery query) {
        return findOne("p.id = :key", query.productId().value(), query.viewer());
    }

    @QueryHandler
    public ProductView findBySlug(FindProductBySlugQuery query) {
        return findOne("p.slug = :key", query.slug(), query.viewer());
    }

    @QueryHandler
    public ProductPage list(ListProductsQuery query) {
        Where where = new Where();
        visibility(query.viewer(), where);
        return page(where, query.filter(), query.page());
    }

    @QueryHandler
    public ProductPage sellerProducts(ListSellerProductsQuery query) {
        Where where = new Where();
        where.and("p.seller_id = :owner", "owner", query.sellerId().value());
        return page(where, query.filter(), query.page());
    }

    private ProductView findOne(String condition, Object key, Actor viewer) {
        Where where = new Where();
        where.and(condition, "key", key);
        visibility(viewer, where);
        return jdbc.sql("SELECT " + ProductRows.COLUMNS + ProductRows.FROM + where.sql() + " LIMIT 1")
                .params(where.params).query(ROWS).optional()
                .orElseThrow(() -> new NotFoundException("Product not found"));
    }

    private ProductPage page(Where where, ProductFilter filter, PageRequest page) {
        filters(filter, where);
        long total = jdbc.sql("SELECT count(*)" + ProductRows.FROM + where.sql()).params(where.params)
                .query(Long.class).single();
        List<ProductView> rows = total <= page.offset() ? List.of()
                : jdbc.sql("SELECT " + ProductRows.COLUMNS + ProductRows.FROM + where.sql() + orderBy(filter)
                        + " LIMIT :limit OFFSET :offset")
                .params(where.params).param("limit", page.limit()).param("offset", page.offset())
                .query(ROWS).list();
        return new ProductPage(PagedResult.of(rows, page, total));
    }

    static void visibility(Actor viewer, Where where) {
        String condition = visibleTo(viewer, where.params);
        if (condition != null) {
            where.sql.append(" AND ").append(condition);
        }
    }

    /**
     * The SQL condition (products aliased {@code p}) of the products {@code viewer} may see, its
     * named parameters ({@code tiers}, {@code viewer}) put in {@code params}; null when it sees all.
     * Guests and customers see the public (fournisseur) catalog; each seller tier also sees its
     * suppliers' tier and its own products; admins see everything.
     */
    public static String visibleTo(Actor viewer, Map<String, Object> params) {
        if (viewer != null && viewer.isAdmin()) {
            return null;
        }
        List<String> tiers = new ArrayList<>(List.of(SellerCategory.FOURNISSEUR.wire()));
        params.put("tiers", tiers);
        if (viewer != null && viewer.isSeller()) {
            SellerCategory supplier = viewer.sellerCategory().supplierTier();
            if (supplier != null) {
                tiers.add(supplier.wire());
            }
            params.put("viewer", viewer.userId().value());
            return "(p.seller_category IN (:tiers) OR p.seller_id = :viewer)";
        }
        return "p.seller_category IN (:tiers)";
    }

    private static void filters(ProductFilter f, Where where) {
        if (f.search() != null) {
            where.and("p.search_text LIKE :search ESCAPE '\\'", "search", "%" + escapeLike(Slugs.fold(f.search().strip())) + "%");
        }
        if (f.category() != null) {
            where.and("p.category = :category", "category", f.category().wire());
        }
        if (f.sellerCategory() != null) {
            where.and("p.seller_category = :sellerCategory", "sellerCategory", f.sellerCategory().wire());
        }
        if (f.sellerId() != null) {
            where.and("p.seller_id = :sellerId", "sellerId", f.sellerId().value());
        }
        if (f.minPrice() != null) {
            where.and("p.price >= :minPrice", "minPrice", f.minPrice());
        }
        if (f.maxPrice() != null) {
            where.and("p.price <= :maxPrice", "maxPrice", f.maxPrice());
        }
        if (f.brand() != null) {
            where.and("lower(p.brand) = lower(:brand)", "brand", f.brand());
        }
        if (f.inStock() != null) {
            where.and("p.in_stock = :inStock", "inStock", f.inStock());
        }
    }

    private static String orderBy(ProductFilter f) {
        String column = switch (f.sortBy()) {
            case PRICE -> "p.price";
            case NAME -> "lower(p.name)";
            case RATING -> "p.rating";
            case CREATED_AT -> "p.created_at";
        };
        String direction = f.ascending() ? " ASC" : " DESC";
        return " ORDER BY " + column + direction + ", p.id" + direction;
    }

    private static String escapeLike(String folded) {
        return folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A WHERE clause under construction; deleted products never match. */
    static final class Where {
        private final StringBuilder sql = new StringBuilder(" WHERE NOT p.deleted");
        private final Map<String, Object> params = new HashMap<>();

        void and(String condition, String name, Object value) {
            sql.append(" AND ").append(condition);
            params.put(name, value);
        }

        String sql() {
            return sql.toString();
        }
    }
}
