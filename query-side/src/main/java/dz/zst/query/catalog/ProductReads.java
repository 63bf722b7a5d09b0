package dz.zst.query.catalog;

import dz.zst.domain.catalog.CatalogQueries.FindProductQuery;
import dz.zst.domain.catalog.CatalogQueries.ListProductsQuery;
import dz.zst.domain.catalog.ProductPage;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.ReadModel;
import dz.zst.query.shared.ReadModelCache.Generations;
import dz.zst.query.shared.Reads;
import dz.zst.query.shared.RenderedBody;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The two cached catalog reads (the list and one product), rendered once per audience and per
 * read-model generation. One place derives the cache key from the caller and the request, whichever
 * path the request came by: the controller, or the guest shortcut in front of the security chain.
 */
@Component
public class ProductReads {

    private static final List<ReadModel> SOURCES = List.of(ReadModel.PRODUCTS, ReadModel.USERS);

    private final Reads reads;

    public ProductReads(Reads reads) {
        this.reads = reads;
    }

    /** A page of the products {@code viewer} (null: a guest) may see; IllegalArgumentException names a bad field. */
    public RenderedBody page(Actor viewer, ProductListRequest request) {
        ListProductsQuery query = new ListProductsQuery(request.filter(), request.pageRequest(), viewer);
        return reads.cachedJson(pageKey(viewer, query), SOURCES, query, ProductPage.class, ProductPage::page);
    }

    /** As {@link #page(Actor, ProductListRequest)}, the catalog's generation read by {@link #generations}. */
    public RenderedBody page(Actor viewer, ProductListRequest request, Generations generations) {
        ListProductsQuery query = new ListProductsQuery(request.filter(), request.pageRequest(), viewer);
        return reads.cachedJson(pageKey(viewer, query), generations.sources(), query, ProductPage.class,
                ProductPage::page);
    }

    /** One product, or the not-found DomainException when it does not exist for {@code viewer}. */
    public RenderedBody product(Actor viewer, String id) {
        ProductId productId = ProductId.of(id);
        return reads.cachedJson(productKey(viewer, productId), SOURCES, new FindProductQuery(productId, viewer),
                ProductView.class, v -> v);
    }

    /** As {@link #product(Actor, String)}, the catalog's generation read by {@link #generations}. */
    public RenderedBody product(Actor viewer, String id, Generations generations) {
        ProductId productId = ProductId.of(id);
        return reads.cachedJson(productKey(viewer, productId), generations.sources(),
                new FindProductQuery(productId, viewer), ProductView.class, v -> v);
    }

    /**
     * The catalog's generations, read before anything else of a read as they must be, together with
     * the values of {@code otherKeys}: the signed-in shortcut's caller generation in the same MGET.
     */
    public Generations generations(List<String> otherKeys) {
        return reads.generations(SOURCES, otherKeys);
    }

    private static String pageKey(Actor viewer, ListProductsQuery query) {
        return "products|" + audience(viewer) + "|" + query.filter() + "|" + query.page();
    }

    private static String productKey(Actor viewer, ProductId productId) {
        return "product|" + audience(viewer) + "|" + productId;
    }

    /** Who sees the same catalog: everyone but sellers and admins sees the public one. */
    private static String audience(Actor viewer) {
        if (viewer == null || !(viewer.isAdmin() || viewer.isSeller())) {
            return "public";
        }
        return viewer.isAdmin() ? "admin" : viewer.sellerCategory().wire() + ":" + viewer.userId();
    }
}
