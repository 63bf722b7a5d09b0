package dz.zst.query.dashboard;

import dz.zst.domain.dashboard.AnalyticsPeriod;
import dz.zst.domain.dashboard.DashboardQueries.FindSellerAnalyticsQuery;
import dz.zst.domain.dashboard.DashboardQueries.FindSellerStatsQuery;
import dz.zst.domain.dashboard.DashboardQueries.FindTopProductsQuery;
import dz.zst.domain.dashboard.DashboardQueries.TopProductList;
import dz.zst.domain.dashboard.SellerAnalytics;
import dz.zst.domain.dashboard.SellerDays;
import dz.zst.domain.dashboard.SellerStats;
import dz.zst.domain.dashboard.TopProduct;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The seller dashboard (API.md §9) over the dashboard read model: a seller's figures are one row,
 * its period at most 365 day rows, its top products ten rows of an index; nothing here grows with
 * the seller's orders. Today and this month are Africa/Algiers ones, by the platform's clock.
 */
@Component
public class DashboardQueryHandler {

    private static final int TOP_PRODUCTS = 10;

    private final JdbcClient jdbc;
    private final Clock clock;

    public DashboardQueryHandler(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    public SellerStats stats(FindSellerStatsQuery query) {
        return stats(sellerOf(query.seller()));
    }

    /** The seller's figures as committed now (also what {@code seller:stats} pushes). */
    public SellerStats stats(UserId sellerId) {
        LocalDate today = LocalDate.now(clock.withZone(SellerDays.ZONE));
        BigDecimal monthly = jdbc.sql("SELECT coalesce(sum(revenue), 0) FROM dashboard_seller_days "
                        + "WHERE seller_id = ? AND day BETWEEN ? AND ?")
                .param(sellerId.value())
                .param(today.withDayOfMonth(1))
                .param(today.withDayOfMonth(today.lengthOfMonth()))
                .query(BigDecimal.class).single();
        return jdbc.sql("""
                        SELECT products_total, products_active, products_out_of_stock, orders_total, orders_pending,
                               paid_orders, revenue, reels_total, reel_views
                        FROM dashboard_sellers WHERE seller_id = ?
                        """)
                .param(sellerId.value())
                .query((rs, n) -> {
                    BigDecimal revenue = rs.getBigDecimal("revenue");
                    long paid = rs.getLong("paid_orders");
                    return new SellerStats(
                            new SellerStats.Products(rs.getLong("products_total"), rs.getLong("products_active"),
                                    rs.getLong("products_out_of_stock")),
                            new SellerStats.Orders(rs.getLong("orders_total"), rs.getLong("orders_pending")),
                            new SellerStats.Revenue(revenue, money(monthly), average(revenue, paid)),
                            new SellerStats.Reels(rs.getLong("reels_total"), rs.getLong("reel_views")));
                })
                .optional()
                .orElseGet(() -> new SellerStats(new SellerStats.Products(0, 0, 0), new SellerStats.Orders(0, 0),
                        new SellerStats.Revenue(money(BigDecimal.ZERO), money(monthly), money(BigDecimal.ZERO)),
                        new SellerStats.Reels(0, 0)));
    }

    @QueryHandler
    public SellerAnalytics analytics(FindSellerAnalyticsQuery query) {
        UserId sellerId = sellerOf(query.seller());
        AnalyticsPeriod period = query.period();
        LocalDate today = LocalDate.now(clock.withZone(SellerDays.ZONE));
        LocalDate first = today.minusDays(period.days() - 1L);
        Map<LocalDate, SellerAnalytics.Day> recorded = new HashMap<>();
        jdbc.sql("SELECT day, revenue, order_count FROM dashboard_seller_days "
                        + "WHERE seller_id = ? AND day BETWEEN ? AND ?")
                .param(sellerId.value())
                .param(first)
                .param(today)
                .query((rs, n) -> {
                    LocalDate day = rs.getDate("day").toLocalDate();
                    return recorded.put(day, new SellerAnalytics.Day(day, rs.getBigDecimal("revenue"),
                            rs.getLong("order_count")));
                })
                .list();
        List<SellerAnalytics.Day> days = new ArrayList<>(period.days());
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            SellerAnalytics.Day entry = recorded.get(day);
            days.add(entry != null ? entry : new SellerAnalytics.Day(day, money(BigDecimal.ZERO), 0));
        }
        return new SellerAnalytics(period.wire(), days);
    }

    /** Products that sold (and were not all returned), by revenue, then units. */
    @QueryHandler
    public TopProductList topProducts(FindTopProductsQuery query) {
        UserId sellerId = sellerOf(query.seller());
        return new TopProductList(jdbc.sql("""
                        SELECT product_id, name, sold_quantity, revenue FROM dashboard_products
                        WHERE seller_id = ? AND sold_quantity > 0
                        ORDER BY revenue DESC, product_id LIMIT ?
                        """)
                .param(sellerId.value())
                .param(TOP_PRODUCTS)
                .query((rs, n) -> new TopProduct(rs.getObject("product_id", UUID.class), rs.getString("name"),
                        rs.getLong("sold_quantity"), rs.getBigDecimal("revenue")))
                .list());
    }

    /** Only sellers have a dashboard; an admin has no figures of its own either. */
    static UserId sellerOf(Actor actor) {
        if (actor == null || !actor.isSeller()) {
            throw new ForbiddenException("Only sellers have a dashboard");
        }
        return actor.userId();
    }

    private static BigDecimal average(BigDecimal revenue, long paidOrders) {
        return paidOrders == 0 ? money(BigDecimal.ZERO)
                : revenue.divide(BigDecimal.valueOf(paidOrders), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
