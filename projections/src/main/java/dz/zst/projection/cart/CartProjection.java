package dz.zst.projection.cart;

import static dz.zst.projection.shared.EventColumns.position;
import static dz.zst.projection.shared.EventColumns.utc;

import dz.zst.domain.cart.CartEvents.CartClearedEvent;
import dz.zst.domain.cart.CartEvents.CartItemAddedEvent;
import dz.zst.domain.cart.CartEvents.CartItemQuantityChangedEvent;
import dz.zst.domain.cart.CartEvents.CartItemRemovedEvent;
import dz.zst.domain.cart.CartEvents.CartItemsOrderedEvent;
import dz.zst.domain.cart.CartId;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.UserId;
import dz.zst.projection.shared.ReadModelGenerations;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The carts read model: one {@code carts} row per cart (keyed by its stream id, {@link CartId}, with
 * the buyer's {@code user_id}) holding the position of the newest event folded, and its items.
 * Every event first moves the cart row to its position; an event the row has already passed
 * (redelivery) changes nothing at all, so a removed item can't come back from an old event.
 * Item rows also keep the position of the event that last wrote them.
 */
@Component
@ProcessingGroup("carts")
public class CartProjection {

    private final JdbcClient jdbc;
    private final ReadModelGenerations generations;

    public CartProjection(JdbcClient jdbc, ReadModelGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @EventHandler
    void on(CartItemAddedEvent event, @Timestamp Instant at, TrackingToken token) {
        if (!advance(event.cartId(), at, token)) {
            return;
        }
        jdbc.sql("""
                INSERT INTO cart_items (id, cart_id, user_id, product_id, seller_id, quantity, created_at, updated_at,
                                        position)
                VALUES (:id, :cart, :user, :product, :seller, :quantity, :at, :at, :position)
                ON CONFLICT (id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = EXCLUDED.updated_at,
                                               position = EXCLUDED.position
                WHERE cart_items.position < EXCLUDED.position""")
                .param("id", UUID.fromString(event.itemId()))
                .param("cart", CartId.of(event.cartId()).value())
                .param("user", event.cartId().value())
                .param("product", event.productId().value())
                .param("seller", event.sellerId().value())
                .param("quantity", event.totalQuantity())
                .param("at", utc(at))
                .param("position", position(token))
                .update();
    }

    @EventHandler
    void on(CartItemQuantityChangedEvent event, @Timestamp Instant at, TrackingToken token) {
        if (!advance(event.cartId(), at, token)) {
            return;
        }
        jdbc.sql("""
                UPDATE cart_items SET quantity = :quantity, updated_at = :at, position = :position
                WHERE id = :id AND position < :position""")
                .param("id", UUID.fromString(event.itemId()))
                .param("quantity", event.quantity())
                .param("at", utc(at))
                .param("position", position(token))
                .update();
    }

    @EventHandler
    void on(CartItemRemovedEvent event, @Timestamp Instant at, TrackingToken token) {
        if (advance(event.cartId(), at, token)) {
            delete(List.of(event.itemId()));
        }
    }

    @EventHandler
    void on(CartClearedEvent event, @Timestamp Instant at, TrackingToken token) {
        if (advance(event.cartId(), at, token)) {
            delete(event.itemIds());
        }
    }

    @EventHandler
    void on(CartItemsOrderedEvent event, @Timestamp Instant at, TrackingToken token) {
        if (advance(event.cartId(), at, token)) {
            delete(event.itemIds());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE carts, cart_items").update();
        generations.bump(ReadModel.CARTS);
    }

    /**
     * Moves the cart's row to this event's position (creating it on the cart's first event).
     * False when the row already folded this event: the caller then changes nothing.
     */
    private boolean advance(UserId buyer, Instant at, TrackingToken token) {
        int changed = jdbc.sql("""
                INSERT INTO carts (id, user_id, position, updated_at) VALUES (:id, :user, :position, :at)
                ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at
                WHERE carts.position < EXCLUDED.position""")
                .param("id", CartId.of(buyer).value())
                .param("user", buyer.value())
                .param("position", position(token))
                .param("at", utc(at))
                .update();
        return changed > 0;
    }

    private void delete(List<String> itemIds) {
        jdbc.sql("DELETE FROM cart_items WHERE id = ANY(?)")
                .param(itemIds.stream().map(UUID::fromString).toArray(UUID[]::new))
                .update();
    }
}
