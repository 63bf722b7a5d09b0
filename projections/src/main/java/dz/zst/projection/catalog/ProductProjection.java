package dz.zst.projection.catalog;

import static dz.zst.projection.shared.EventColumns.position;
import static dz.zst.projection.shared.EventColumns.utc;

import dz.zst.domain.catalog.CatalogEvents.ProductCreatedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductDeletedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductDetailsChangedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductImageAttachedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductStockAdjustedEvent;
import dz.zst.domain.catalog.CatalogEvents.StockReleasedEvent;
import dz.zst.domain.catalog.CatalogEvents.StockReservedEvent;
import dz.zst.domain.catalog.ProductDetails;
import dz.zst.domain.catalog.ProductSearch;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.ReadModel;
import dz.zst.projection.shared.JsonColumns;
import dz.zst.projection.shared.ReadModelGenerations;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The product read model. Every write is guarded by the row's position, so a replayed or
 * redelivered event older than what the row holds changes nothing; times come from the events.
 */
@Component
@ProcessingGroup("products")
public class ProductProjection {

    private final JdbcClient jdbc;
    private final ReadModelGenerations generations;

    public ProductProjection(JdbcClient jdbc, ReadModelGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @EventHandler
    void on(ProductCreatedEvent event, @Timestamp Instant at, TrackingToken token) {
        ProductDetails d = event.details();
        jdbc.sql("""
                INSERT INTO products (id, slug, seller_id, seller_category, name, brand, search_text, category, price,
                                      stock, in_stock, details, images, created_at, updated_at, position)
                VALUES (:id, :slug, :seller, :tier, :name, :brand, :search, :category, :price, :stock, :stock > 0,
                        CAST(:details AS jsonb), CAST(:images AS jsonb), :at, :at, :position)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.productId().value())
                .param("slug", event.slug())
                .param("seller", event.sellerId().value())
                .param("tier", event.sellerCategory().wire())
                .param("name", d.name())
                .param("brand", d.brand())
                .param("search", searchText(d))
                .param("category", d.category().wire())
                .param("price", d.price())
                .param("stock", event.stock())
                .param("details", JsonColumns.write(d))
                .param("images", JsonColumns.write(event.images()))
                .param("at", utc(at))
                .param("position", position(token))
                .update();
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event, @Timestamp Instant at, TrackingToken token) {
        ProductDetails d = event.details();
        Map<String, Object> params = new HashMap<>();
        params.put("tier", event.sellerCategory().wire());
        params.put("name", d.name());
        params.put("brand", d.brand());
        params.put("search", searchText(d));
        params.put("category", d.category().wire());
        params.put("price", d.price());
        params.put("details", JsonColumns.write(d));
        update(event.productId(), at, token, """
                seller_category = :tier, name = :name, brand = :brand, search_text = :search, category = :category,
                price = :price, details = CAST(:details AS jsonb)""", params);
    }

    @EventHandler
    void on(ProductStockAdjustedEvent event, @Timestamp Instant at, TrackingToken token) {
        updateStock(event.productId(), event.stock(), at, token);
    }

    @EventHandler
    void on(StockReservedEvent event, @Timestamp Instant at, TrackingToken token) {
        updateStock(event.productId(), event.remaining(), at, token);
    }

    @EventHandler
    void on(StockReleasedEvent event, @Timestamp Instant at, TrackingToken token) {
        updateStock(event.productId(), event.remaining(), at, token);
    }

    @EventHandler
    void on(ProductImageAttachedEvent event, @Timestamp Instant at, TrackingToken token) {
        update(event.productId(), at, token, "images = images || CAST(:image AS jsonb)",
                Map.of("image", JsonColumns.write(List.of(event.image()))));
    }

    @EventHandler
    void on(ProductDeletedEvent event, @Timestamp Instant at, TrackingToken token) {
        update(event.productId(), at, token, "deleted = TRUE", Map.of());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE products").update();
        generations.bump(ReadModel.PRODUCTS);
    }

    private void updateStock(ProductId id, int stock, Instant at, TrackingToken token) {
        update(id, at, token, "stock = :stock, in_stock = :stock > 0", Map.of("stock", stock));
    }

    /** Applies {@code assignments} to the product's row unless the row already folded this event. */
    private void update(ProductId id, Instant at, TrackingToken token, String assignments, Map<String, Object> params) {
        jdbc.sql("UPDATE products SET " + assignments
                        + ", updated_at = :at, position = :position WHERE id = :id AND position < :position")
                .params(params)
                .param("id", id.value())
                .param("at", utc(at))
                .param("position", position(token))
                .update();
    }

    private static String searchText(ProductDetails d) {
        return ProductSearch.text(d.name(), d.brand());
    }


}
