package dz.zst.query.orders;

import dz.zst.domain.dashboard.DashboardQueries.FindRecentSellerOrdersQuery;
import dz.zst.domain.orders.OrderAccess;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderQueries.FindOrderQuery;
import dz.zst.domain.orders.OrderQueries.ListBuyerOrdersQuery;
import dz.zst.domain.orders.OrderQueries.ListSellerOrdersQuery;
import dz.zst.domain.orders.OrderQueries.OrderList;
import dz.zst.domain.orders.OrderQueries.OrderPage;
import dz.zst.domain.orders.OrderQueries.TrackGuestOrderQuery;
import dz.zst.domain.orders.OrderStatus;
import dz.zst.domain.orders.OrderView;
import dz.zst.domain.orders.Phones;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.query.orders.OrderRows.OrderRow;
import java.util.List;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Order queries over the orders read model. An order the caller may not read is reported as
 * missing, exactly like one that does not exist, so ids can't be probed.
 */
@Component
public class OrderQueryHandler {

    private final JdbcClient jdbc;

    public OrderQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public OrderView find(FindOrderQuery query) {
        return row("o.id = ?", query.orderId().value())
                .filter(row -> OrderAccess.canRead(query.viewer(), row.view().userId(), row.view().sellerId(),
                        row.accessTokenHash()))
                .map(OrderRow::view)
                .orElseThrow(() -> notFound(query.orderId()));
    }

    /** Both must match; a wrong phone and an unknown number look the same. */
    @QueryHandler
    public OrderView track(TrackGuestOrderQuery query) {
        return jdbc.sql("SELECT " + OrderRows.COLUMNS + OrderRows.FROM + "WHERE o.order_number = ? AND o.phone_key = ?")
                .param(query.orderNumber().strip().toUpperCase())
                .param(Phones.national(query.phone()))
                .query(OrderRows.ROWS).optional()
                .map(OrderRow::view)
                .orElseThrow(() -> new NotFoundException("No order matches this phone number and order number"));
    }

    @QueryHandler
    public OrderPage buyerOrders(ListBuyerOrdersQuery query) {
        return page("o.user_id = :party", query.buyerId().value(), query.status(), query.page());
    }

    @QueryHandler
    public OrderPage sellerOrders(ListSellerOrdersQuery query) {
        Actor seller = query.seller();
        if (seller.isAdmin()) {
            return page("TRUE", null, query.status(), query.page());
        }
        if (!seller.isSeller()) {
            throw new ForbiddenException("Only sellers have seller orders");
        }
        return page("o.seller_id = :party", seller.userId().value(), query.status(), query.page());
    }

    /**
     * The seller dashboard's last ten orders (API.md §9), without counting the seller's orders as a
     * page would: ten rows of the (seller_id, created_at) index, however many orders the seller has.
     */
    @QueryHandler
    public OrderList recentSellerOrders(FindRecentSellerOrdersQuery query) {
        Actor seller = query.seller();
        if (seller == null || !seller.isSeller()) {
            throw new ForbiddenException("Only sellers have a dashboard");
        }
        return new OrderList(jdbc.sql("SELECT " + OrderRows.COLUMNS + OrderRows.FROM
                        + "WHERE o.seller_id = ? ORDER BY o.created_at DESC, o.id LIMIT 10")
                .param(seller.userId().value())
                .query(OrderRows.ROWS).list().stream().map(OrderRow::view).toList());
    }

    private OrderPage page(String partyCondition, UUID party, OrderStatus status, PageRequest page) {
        String where = " WHERE " + partyCondition + (status == null ? "" : " AND o.status = :status");
        var count = jdbc.sql("SELECT count(*) FROM orders o" + where);
        var select = jdbc.sql("SELECT " + OrderRows.COLUMNS + OrderRows.FROM + where
                + " ORDER BY o.created_at DESC, o.id LIMIT :limit OFFSET :offset");
        if (party != null) {
            count = count.param("party", party);
            select = select.param("party", party);
        }
        if (status != null) {
            count = count.param("status", status.wire());
            select = select.param("status", status.wire());
        }
        long total = count.query(Long.class).single();
        List<OrderView> orders = page.offset() >= total ? List.of()
                : select.param("limit", page.limit()).param("offset", page.offset())
                        .query(OrderRows.ROWS).list().stream().map(OrderRow::view).toList();
        return new OrderPage(PagedResult.of(orders, page, total));
    }

    private java.util.Optional<OrderRow> row(String condition, Object value) {
        return jdbc.sql("SELECT " + OrderRows.COLUMNS + OrderRows.FROM + "WHERE " + condition)
                .param(value).query(OrderRows.ROWS).optional();
    }

    static NotFoundException notFound(OrderId orderId) {
        return new NotFoundException("Order " + orderId + " not found");
    }
}
