package dz.zst.domain.orders;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ProductId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands that place and move orders. */
public final class OrderCommands {
    private OrderCommands() {
    }

    public record CheckoutItem(ProductId productId, int quantity) {
    }

    /**
     * A checkout: takes the stock of every item at once (all or nothing) and places one order per
     * seller. Answers a {@link CheckoutReceipt}.
     *
     * @param checkoutId names the checkout; the same id placed twice creates nothing new
     * @param buyer      null for a guest
     */
    public record PlaceOrdersCommand(String checkoutId, Actor buyer, Customer customer, String notes,
                                     PaymentMethod paymentMethod, List<CheckoutItem> items) {
    }

    /** @param accessToken the guest's secret for this order, given out once; null for signed-in buyers */
    public record PlacedOrder(OrderId orderId, String accessToken) {
    }

    public record CheckoutReceipt(List<PlacedOrder> orders) {
    }

    /**
     * A seller's (or admin's) status update, with optional shipment details. Cancelling and
     * returning put the ordered units back in stock.
     */
    public record ChangeOrderStatusCommand(@TargetAggregateIdentifier OrderId orderId, Actor actor,
                                           OrderStatus status, String trackingNumber, Instant deliveryDate) {
    }

    /** Cancel by the buyer, the order's seller or an admin, only while pending or confirmed. */
    public record CancelOrderCommand(@TargetAggregateIdentifier OrderId orderId, Actor actor) {
    }
}
