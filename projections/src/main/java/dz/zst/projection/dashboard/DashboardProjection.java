package dz.zst.projection.dashboard;

import static dz.zst.projection.shared.EventColumns.position;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.domain.catalog.CatalogEvents.ProductCreatedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductDeletedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductDetailsChangedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductStockAdjustedEvent;
import dz.zst.domain.catalog.CatalogEvents.StockReleasedEvent;
import dz.zst.domain.catalog.CatalogEvents.StockReservedEvent;
import dz.zst.domain.dashboard.DashboardGenerations;
import dz.zst.domain.dashboard.SellerDays;
import dz.zst.domain.orders.OrderEvents.OrderCancelledEvent;
import dz.zst.domain.orders.OrderEvents.OrderConfirmedEvent;
import dz.zst.domain.orders.OrderEvents.OrderDeliveredEvent;
import dz.zst.domain.orders.OrderEvents.OrderPaidEvent;
import dz.zst.domain.orders.OrderEvents.OrderPlacedEvent;
import dz.zst.domain.orders.OrderEvents.OrderProcessingStartedEvent;
import dz.zst.domain.orders.OrderEvents.OrderReturnedEvent;
import dz.zst.domain.orders.OrderEvents.OrderShippedEvent;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderStatus;
import dz.zst.domain.reels.ReelEvents.ReelDeletedEvent;
import dz.zst.domain.reels.ReelEvents.ReelPublishedEvent;
import dz.zst.domain.reels.ReelEvents.ReelViewedEvent;
import dz.zst.domain.shared.GenerationBumps;
import dz.zst.domain.shared.ProductId;
import dz.zst.projection.dashboard.SellerFigures.Figures;
import dz.zst.projection.shared.JsonColumns;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sellers' dashboard (API.md §9): per order, product and reel a row with what the figures depend
 * on, guarded by the position of the newest event folded into it, and the sellers' figures, days
 * and product sales moved by exactly the difference an event makes to such a row (nothing for a
 * redelivered or older event), summed over the batch ({@link SellerFigures}). So no request reads a
 * seller's orders, and a replay gives the same figures: sums commute, whichever segment folds first.
 * A paid order counts its amount on the Africa/Algiers day of its payment, and leaves the revenue
 * (of that day too) and its products' sales when it is returned or cancelled. Events are sequenced
 * per aggregate, a reel's views per reel ({@link DashboardSequencing}).
 */
@Component
@ProcessingGroup(DashboardProjection.GROUP)
public class DashboardProjection {

    public static final String GROUP = "dashboard";

    private static final ObjectMapper ITEMS = new ObjectMapper();
    private static final TypeReference<List<Item>> ITEM_LIST = new TypeReference<>() {
    };

    /** An order line as the dashboard keeps it. */
    record Item(UUID productId, String productName, int quantity, BigDecimal subtotal) {
    }

    /** What an order's row holds. */
    private record OrderRow(UUID sellerId, OrderStatus status, boolean paid, BigDecimal amount, LocalDate paidDay,
                            List<Item> items, long position) {

        boolean pending() {
            return status == OrderStatus.PENDING;
        }

        /** Whether its amount is revenue: paid and kept. */
        boolean earned() {
            return paid && status != OrderStatus.CANCELLED && status != OrderStatus.RETURNED;
        }
    }

    /** What a product's row holds of the product's own state. */
    private record ProductState(UUID sellerId, String name, boolean listed, boolean deleted, int stock,
                                long position) {

        static final ProductState NONE = new ProductState(null, null, false, false, 0, -1);

        boolean counted() {
            return listed && !deleted;
        }
    }

    private final JdbcClient jdbc;
    private final SellerFigures figures;
    private final GenerationBumps generations;

    public DashboardProjection(JdbcClient jdbc, SellerFigures figures, GenerationBumps generations) {
        this.jdbc = jdbc;
        this.figures = figures;
        this.generations = generations;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE dashboard_sellers, dashboard_seller_days, dashboard_products, dashboard_orders, "
                + "dashboard_reels").update();
        // Cached answers built from the rows just emptied are dropped on every node; each seller's
        // generation changes again as the replay writes its rows back.
        generations.bump(DashboardGenerations.WHOLE);
    }

    // Products

    @EventHandler
    void on(ProductCreatedEvent event, TrackingToken token) {
        ProductState before = product(event.productId());
        long position = position(token);
        if (before.position() >= position) {
            return;
        }
        product(event.productId(), new ProductState(event.sellerId().value(), event.details().name(), true, false,
                event.stock(), position), before);
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event, TrackingToken token) {
        changed(event.productId(), token, state -> new ProductState(state.sellerId(), event.details().name(),
                state.listed(), state.deleted(), state.stock(), position(token)));
    }

    @EventHandler
    void on(ProductStockAdjustedEvent event, TrackingToken token) {
        stock(event.productId(), event.stock(), token);
    }

    @EventHandler
    void on(StockReservedEvent event, TrackingToken token) {
        stock(event.productId(), event.remaining(), token);
    }

    @EventHandler
    void on(StockReleasedEvent event, TrackingToken token) {
        stock(event.productId(), event.remaining(), token);
    }

    @EventHandler
    void on(ProductDeletedEvent event, TrackingToken token) {
        changed(event.productId(), token, state -> new ProductState(state.sellerId(), state.name(), state.listed(),
                true, state.stock(), position(token)));
    }

    private void stock(ProductId productId, int stock, TrackingToken token) {
        changed(productId, token, state -> new ProductState(state.sellerId(), state.name(), state.listed(),
                state.deleted(), stock, position(token)));
    }

    /** A later event of a product whose creation is folded (the same sequence: it always is). */
    private void changed(ProductId productId, TrackingToken token,
                         UnaryOperator<ProductState> change) {
        ProductState before = product(productId);
        if (!before.listed() || before.position() >= position(token)) {
            return;
        }
        product(productId, change.apply(before), before);
    }

    private ProductState product(ProductId productId) {
        return jdbc.sql("SELECT seller_id, name, listed, deleted, stock, position FROM dashboard_products "
                        + "WHERE product_id = ?")
                .param(productId.value())
                .query((rs, n) -> new ProductState(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3),
                        rs.getBoolean(4), rs.getInt(5), rs.getLong(6)))
                .optional().orElse(ProductState.NONE);
    }

    /**
     * Writes the product's own columns (its sales are the order events', {@link SellerFigures}) and
     * moves its seller's product counts by the difference.
     */
    private void product(ProductId productId, ProductState after, ProductState before) {
        jdbc.sql("""
                        INSERT INTO dashboard_products (product_id, seller_id, name, listed, deleted, stock, position)
                        VALUES (:id, :seller, :name, :listed, :deleted, :stock, :position)
                        ON CONFLICT (product_id) DO UPDATE SET seller_id = EXCLUDED.seller_id, name = EXCLUDED.name,
                            listed = EXCLUDED.listed, deleted = EXCLUDED.deleted, stock = EXCLUDED.stock,
                            position = EXCLUDED.position
                        """)
                .param("id", productId.value())
                .param("seller", after.sellerId())
                .param("name", after.name())
                .param("listed", after.listed())
                .param("deleted", after.deleted())
                .param("stock", after.stock())
                .param("position", after.position())
                .update();
        Figures seller = figures.seller(after.sellerId());
        seller.productsTotal += count(after.counted()) - count(before.counted());
        seller.productsActive += count(after.counted() && after.stock() > 0) - count(before.counted() && before.stock() > 0);
        seller.productsOutOfStock += count(after.counted() && after.stock() <= 0)
                - count(before.counted() && before.stock() <= 0);
    }

    // Orders

    /** The first event of its order: a row already there folded it. */
    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant at, TrackingToken token) {
        List<Item> items = event.items().stream()
                .map(line -> new Item(line.productId().value(), line.productName(), line.quantity(), line.subtotal()))
                .toList();
        int inserted = jdbc.sql("""
                        INSERT INTO dashboard_orders (order_id, seller_id, status, items, position)
                        VALUES (:id, :seller, :status, CAST(:items AS jsonb), :position)
                        ON CONFLICT (order_id) DO NOTHING
                        """)
                .param("id", event.orderId().value())
                .param("seller", event.sellerId().value())
                .param("status", OrderStatus.PENDING.wire())
                .param("items", JsonColumns.write(items))
                .param("position", position(token))
                .update();
        if (inserted == 1) {
            UUID seller = event.sellerId().value();
            Figures sellerFigures = figures.seller(seller);
            sellerFigures.ordersTotal++;
            sellerFigures.ordersPending++;
            figures.day(seller, SellerDays.dayOf(at)).orderCount++;
        }
    }

    @EventHandler
    void on(OrderConfirmedEvent event, TrackingToken token) {
        status(event.orderId(), OrderStatus.CONFIRMED, token);
    }

    @EventHandler
    void on(OrderProcessingStartedEvent event, TrackingToken token) {
        status(event.orderId(), OrderStatus.PROCESSING, token);
    }

    @EventHandler
    void on(OrderShippedEvent event, TrackingToken token) {
        status(event.orderId(), OrderStatus.SHIPPED, token);
    }

    @EventHandler
    void on(OrderDeliveredEvent event, TrackingToken token) {
        status(event.orderId(), OrderStatus.DELIVERED, token);
    }

    @EventHandler
    void on(OrderCancelledEvent event, TrackingToken token) {
        status(event.orderId(), OrderStatus.CANCELLED, token);
    }

    @EventHandler
    void on(OrderReturnedEvent event, TrackingToken token) {
        status(event.orderId(), OrderStatus.RETURNED, token);
    }

    @EventHandler
    void on(OrderPaidEvent event, @Timestamp Instant at, TrackingToken token) {
        long position = position(token);
        order(event.orderId(), position).ifPresent(before -> order(event.orderId(), before,
                new OrderRow(before.sellerId(), before.status(), true, event.amount(), SellerDays.dayOf(at),
                        before.items(), position)));
    }

    private void status(OrderId orderId, OrderStatus status, TrackingToken token) {
        long position = position(token);
        order(orderId, position).ifPresent(before -> order(orderId, before, new OrderRow(before.sellerId(), status,
                before.paid(), before.amount(), before.paidDay(), before.items(), position)));
    }

    /** The order's row, unless it is missing or already folded the event at {@code position}. */
    private Optional<OrderRow> order(OrderId orderId, long position) {
        return jdbc.sql("SELECT seller_id, status, paid, amount, paid_day, items::text, position FROM dashboard_orders "
                        + "WHERE order_id = ?")
                .param(orderId.value())
                .query((rs, n) -> {
                    Date paidDay = rs.getDate(5);
                    return new OrderRow(rs.getObject(1, UUID.class), OrderStatus.fromWire(rs.getString(2)),
                            rs.getBoolean(3), rs.getBigDecimal(4), paidDay == null ? null : paidDay.toLocalDate(),
                            items(rs.getString(6)), rs.getLong(7));
                })
                .optional()
                .filter(row -> row.position() < position);
    }

    /** Writes the order's row and moves its seller's figures, day and products by the difference. */
    private void order(OrderId orderId, OrderRow before, OrderRow after) {
        jdbc.sql("UPDATE dashboard_orders SET status = :status, paid = :paid, amount = :amount, paid_day = :paidDay, "
                        + "position = :position WHERE order_id = :id")
                .param("status", after.status().wire())
                .param("paid", after.paid())
                .param("amount", after.amount())
                .param("paidDay", after.paidDay())
                .param("position", after.position())
                .param("id", orderId.value())
                .update();
        UUID sellerId = after.sellerId();
        Figures seller = figures.seller(sellerId);
        seller.ordersPending += count(after.pending()) - count(before.pending());
        if (before.earned()) {
            earn(sellerId, before, -1);
        }
        if (after.earned()) {
            earn(sellerId, after, 1);
        }
    }

    /** Adds ({@code sign} 1) or takes back (-1) what a paid order earned. */
    private void earn(UUID sellerId, OrderRow order, int sign) {
        BigDecimal signed = BigDecimal.valueOf(sign);
        Figures seller = figures.seller(sellerId);
        seller.paidOrders += sign;
        seller.revenue = seller.revenue.add(order.amount().multiply(signed));
        SellerFigures.Day day = figures.day(sellerId, order.paidDay());
        day.paidOrders += sign;
        day.revenue = day.revenue.add(order.amount().multiply(signed));
        for (Item item : order.items()) {
            SellerFigures.Sales sales = figures.product(item.productId(), sellerId, item.productName());
            sales.quantity += (long) sign * item.quantity();
            sales.revenue = sales.revenue.add(item.subtotal().multiply(signed));
        }
    }

    private static List<Item> items(String json) {
        try {
            return ITEMS.readValue(json, ITEM_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable dashboard order items", e);
        }
    }

    // Reels

    /** The first event of its reel: a row already there folded it. */
    @EventHandler
    void on(ReelPublishedEvent event, TrackingToken token) {
        int inserted = jdbc.sql("""
                        INSERT INTO dashboard_reels (reel_id, seller_id, position) VALUES (:id, :seller, :position)
                        ON CONFLICT (reel_id) DO NOTHING
                        """)
                .param("id", event.reelId().value())
                .param("seller", event.sellerId().value())
                .param("position", position(token))
                .update();
        if (inserted == 1) {
            figures.seller(event.sellerId().value()).reelsTotal++;
        }
    }

    /** A deleted reel leaves the seller's reels, and its views with it. */
    @EventHandler
    void on(ReelDeletedEvent event, TrackingToken token) {
        jdbc.sql("""
                        UPDATE dashboard_reels SET deleted = TRUE, position = :position
                        WHERE reel_id = :id AND position < :position AND NOT deleted
                        RETURNING seller_id, views
                        """)
                .param("position", position(token))
                .param("id", event.reelId().value())
                .query((rs, n) -> {
                    Figures seller = figures.seller(rs.getObject(1, UUID.class));
                    seller.reelsTotal--;
                    seller.reelViews -= rs.getLong(2);
                    return true;
                })
                .list();
    }

    /** Folded after the reel's publication and in order with its other views (sequenced per reel). */
    @EventHandler
    void on(ReelViewedEvent event, TrackingToken token) {
        jdbc.sql("""
                        UPDATE dashboard_reels SET views = views + 1, position = :position
                        WHERE reel_id = :id AND position < :position AND NOT deleted
                        RETURNING seller_id
                        """)
                .param("position", position(token))
                .param("id", event.reelId().value())
                .query((rs, n) -> figures.seller(rs.getObject(1, UUID.class)).reelViews++)
                .list();
    }

    private static long count(boolean counted) {
        return counted ? 1 : 0;
    }
}
