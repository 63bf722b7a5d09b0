package dz.zst.domain.dashboard;

import dz.zst.domain.shared.Actor;
import java.util.List;

/**
 * The seller dashboard's queries (API.md §9). Only sellers have one: anyone else asking is refused
 * (ForbiddenException, 403), admins too.
 */
public final class DashboardQueries {
    private DashboardQueries() {
    }

    /** Answers {@link SellerStats}. */
    public record FindSellerStatsQuery(Actor seller) {
    }

    /** Answers {@link SellerAnalytics}. */
    public record FindSellerAnalyticsQuery(Actor seller, AnalyticsPeriod period) {
    }

    /** The seller's ten best products by revenue. Answers {@link TopProductList}. */
    public record FindTopProductsQuery(Actor seller) {
    }

    /** The seller's ten newest orders. Answers an {@link dz.zst.domain.orders.OrderQueries.OrderList}. */
    public record FindRecentSellerOrdersQuery(Actor seller) {
    }

    public record TopProductList(List<TopProduct> products) {
    }
}
