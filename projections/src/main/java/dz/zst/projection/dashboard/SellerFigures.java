package dz.zst.projection.dashboard;

import dz.zst.domain.dashboard.DashboardGenerations;
import dz.zst.domain.dashboard.SellerFiguresCommitted;
import dz.zst.domain.shared.UserId;
import dz.zst.projection.shared.BatchedWrites;
import dz.zst.projection.shared.ReadModelGenerations;
import dz.zst.projection.shared.Replays;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sellers' figures, their days and their products' sales, changed in sums: what the events of
 * a processor batch change is added up per row and written once per row just before the batch
 * commits, in the same transaction as the per-order, per-product and per-reel rows whose changes
 * caused them. Rows are written sellers first, then days, then products, each in key order, so two
 * batches (two segments) touching the same sellers never deadlock ({@link BatchedWrites}: in a batch
 * applied event by event after a failure, after each event). Once committed, the sellers whose
 * figures moved are announced on this node ({@link SellerFiguresCommitted}), except in a replay,
 * and every seller whose rows were written gets a new generation ({@link DashboardGenerations}), in a
 * replay too, so that no node's cache of its answers outlives the commit.
 */
@Component
public class SellerFigures {

    private static final String RESOURCE = SellerFigures.class.getName();

    /** What one batch changes in one seller's figures. */
    static final class Figures {
        long productsTotal;
        long productsActive;
        long productsOutOfStock;
        long ordersTotal;
        long ordersPending;
        long paidOrders;
        BigDecimal revenue = BigDecimal.ZERO;
        long reelsTotal;
        long reelViews;

        boolean unchanged() {
            return productsTotal == 0 && productsActive == 0 && productsOutOfStock == 0 && ordersTotal == 0
                    && ordersPending == 0 && paidOrders == 0 && revenue.signum() == 0 && reelsTotal == 0
                    && reelViews == 0;
        }
    }

    /** What one batch changes in one seller's day. */
    static final class Day {
        BigDecimal revenue = BigDecimal.ZERO;
        long paidOrders;
        long orderCount;
    }

    /** What one batch changes in one product's sales; seller and name for a row not there yet. */
    static final class Sales {
        final UUID sellerId;
        final String name;
        long quantity;
        BigDecimal revenue = BigDecimal.ZERO;

        Sales(UUID sellerId, String name) {
            this.sellerId = sellerId;
            this.name = name;
        }
    }

    private record DayKey(UUID sellerId, LocalDate day) {
    }

    private static final class Batch {
        final Map<UUID, Figures> sellers = new TreeMap<>();
        final Map<DayKey, Day> days = new TreeMap<>(Comparator.comparing(DayKey::sellerId)
                .thenComparing(DayKey::day));
        final Map<UUID, Sales> products = new TreeMap<>();
        boolean replay;
    }

    private final JdbcClient jdbc;
    private final ObjectProvider<SellerFiguresCommitted> listeners;
    private final ReadModelGenerations generations;

    public SellerFigures(JdbcClient jdbc, ObjectProvider<SellerFiguresCommitted> listeners,
                         ReadModelGenerations generations) {
        this.jdbc = jdbc;
        this.listeners = listeners;
        this.generations = generations;
    }

    Figures seller(UUID sellerId) {
        return batch().sellers.computeIfAbsent(sellerId, id -> new Figures());
    }

    Day day(UUID sellerId, LocalDate day) {
        return batch().days.computeIfAbsent(new DayKey(sellerId, day), key -> new Day());
    }

    Sales product(UUID productId, UUID sellerId, String name) {
        return batch().products.computeIfAbsent(productId, id -> new Sales(sellerId, name));
    }

    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("seller figures change only while a batch of events is handled");
        }
        Batch batch = BatchedWrites.gathered(RESOURCE, Batch::new, this::write);
        if (Replays.replaying()) {
            batch.replay = true;
        }
        return batch;
    }

    /** The seller's cached dashboards are dropped once the batch that wrote its rows is committed. */
    private void bumpAfterCommit(UnitOfWork<?> unitOfWork, UUID sellerId) {
        generations.bumpRowAfterCommit(unitOfWork, DashboardGenerations.seller(new UserId(sellerId)));
    }

    private void write(UnitOfWork<?> unitOfWork, Batch batch) {
        Set<UserId> changed = new LinkedHashSet<>();
        // Rows are written even when their sums come to nothing: whether a row exists must not depend
        // on where batches happened to end (a replay's are not the live ones).
        batch.sellers.forEach((sellerId, figures) -> {
            jdbc.sql("""
                            INSERT INTO dashboard_sellers AS s (seller_id, products_total, products_active,
                                products_out_of_stock, orders_total, orders_pending, paid_orders, revenue,
                                reels_total, reel_views)
                            VALUES (:seller, :productsTotal, :productsActive, :outOfStock, :ordersTotal, :pending,
                                    :paidOrders, :revenue, :reelsTotal, :views)
                            ON CONFLICT (seller_id) DO UPDATE SET
                                products_total = s.products_total + EXCLUDED.products_total,
                                products_active = s.products_active + EXCLUDED.products_active,
                                products_out_of_stock = s.products_out_of_stock + EXCLUDED.products_out_of_stock,
                                orders_total = s.orders_total + EXCLUDED.orders_total,
                                orders_pending = s.orders_pending + EXCLUDED.orders_pending,
                                paid_orders = s.paid_orders + EXCLUDED.paid_orders,
                                revenue = s.revenue + EXCLUDED.revenue,
                                reels_total = s.reels_total + EXCLUDED.reels_total,
                                reel_views = s.reel_views + EXCLUDED.reel_views
                            """)
                    .param("seller", sellerId)
                    .param("productsTotal", figures.productsTotal)
                    .param("productsActive", figures.productsActive)
                    .param("outOfStock", figures.productsOutOfStock)
                    .param("ordersTotal", figures.ordersTotal)
                    .param("pending", figures.ordersPending)
                    .param("paidOrders", figures.paidOrders)
                    .param("revenue", figures.revenue)
                    .param("reelsTotal", figures.reelsTotal)
                    .param("views", figures.reelViews)
                    .update();
            if (!figures.unchanged()) {
                changed.add(new UserId(sellerId));
            }
        });
        batch.days.forEach((key, day) -> jdbc.sql("""
                        INSERT INTO dashboard_seller_days AS d (seller_id, day, revenue, paid_orders, order_count)
                        VALUES (:seller, :day, :revenue, :paidOrders, :orderCount)
                        ON CONFLICT (seller_id, day) DO UPDATE SET revenue = d.revenue + EXCLUDED.revenue,
                            paid_orders = d.paid_orders + EXCLUDED.paid_orders,
                            order_count = d.order_count + EXCLUDED.order_count
                        """)
                .param("seller", key.sellerId())
                .param("day", key.day())
                .param("revenue", day.revenue)
                .param("paidOrders", day.paidOrders)
                .param("orderCount", day.orderCount)
                .update());
        batch.products.forEach((productId, sales) -> jdbc.sql("""
                        INSERT INTO dashboard_products AS p (product_id, seller_id, name, sold_quantity, revenue)
                        VALUES (:product, :seller, :name, :quantity, :revenue)
                        ON CONFLICT (product_id) DO UPDATE SET sold_quantity = p.sold_quantity + EXCLUDED.sold_quantity,
                            revenue = p.revenue + EXCLUDED.revenue
                        """)
                .param("product", productId)
                .param("seller", sales.sellerId)
                .param("name", sales.name)
                .param("quantity", sales.quantity)
                .param("revenue", sales.revenue)
                .update());
        batch.sellers.keySet().forEach(sellerId -> bumpAfterCommit(unitOfWork, sellerId));
        batch.days.keySet().forEach(key -> bumpAfterCommit(unitOfWork, key.sellerId()));
        batch.products.values().forEach(sales -> bumpAfterCommit(unitOfWork, sales.sellerId));
        if (!changed.isEmpty() && !batch.replay) {
            Set<UserId> sellers = Set.copyOf(changed);
            unitOfWork.afterCommit(u -> listeners.orderedStream().forEach(listener -> listener.committed(sellers)));
        }
    }
}
