package dz.zst.domain.orders;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.domain.shared.UserId;
import java.time.Instant;
import java.util.List;

/**
 * Queries over orders. Access is a read rule (API.md §6): only the buyer, the order's seller, an
 * admin or the holder of the order's guest access token see an order; to anyone else it does not
 * exist (NotFoundException, 404).
 */
public final class OrderQueries {
    private OrderQueries() {
    }

    /** Who is asking: a signed-in actor, a guest with an order token, or both absent. */
    public record OrderViewer(Actor actor, String accessToken) {
    }

    /** Answers an {@link OrderView}. */
    public record FindOrderQuery(OrderId orderId, OrderViewer viewer) {
    }

    /** The order as it stood at {@code asOf}, rebuilt from the event store. Answers an {@link OrderView}. */
    public record FindOrderAsOfQuery(OrderId orderId, OrderViewer viewer, Instant asOf) {
    }

    /** Answers an {@link OrderHistory}. */
    public record FindOrderHistoryQuery(OrderId orderId, OrderViewer viewer) {
    }

    /** The orders a checkout just placed, for its own answer. Answers an {@link OrderList}. */
    public record FindPlacedOrdersQuery(List<OrderId> orderIds) {
    }

    /** Guest tracking: both the phone and the order number must match. Answers an {@link OrderView}. */
    public record TrackGuestOrderQuery(String phone, String orderNumber) {
    }

    /** The buyer's orders, newest first. Answers an {@link OrderPage}. */
    public record ListBuyerOrdersQuery(UserId buyerId, OrderStatus status, PageRequest page) {
    }

    /** A seller's orders (every order for an admin), newest first. Answers an {@link OrderPage}. */
    public record ListSellerOrdersQuery(Actor seller, OrderStatus status, PageRequest page) {
    }

    public record OrderList(List<OrderView> orders) {
    }

    public record OrderPage(PagedResult<OrderView> page) {
    }
}
