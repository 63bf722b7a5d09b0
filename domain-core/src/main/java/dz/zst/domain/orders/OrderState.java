package dz.zst.domain.orders;

import dz.zst.domain.orders.OrderEvents.OrderCancelledEvent;
import dz.zst.domain.orders.OrderEvents.OrderConfirmedEvent;
import dz.zst.domain.orders.OrderEvents.OrderDeliveredEvent;
import dz.zst.domain.orders.OrderEvents.OrderPaidEvent;
import dz.zst.domain.orders.OrderEvents.OrderPlacedEvent;
import dz.zst.domain.orders.OrderEvents.OrderProcessingStartedEvent;
import dz.zst.domain.orders.OrderEvents.OrderReturnedEvent;
import dz.zst.domain.orders.OrderEvents.OrderShipmentDetailsChangedEvent;
import dz.zst.domain.orders.OrderEvents.OrderShippedEvent;
import java.time.Instant;

/**
 * An order as its events leave it: the one fold shared by the aggregate (to decide), by the
 * auditors' {@code as_of} view (to rebuild the past) and by the tests that compare both with the
 * read model. Pure and immutable: each event gives a new state.
 *
 * @param placed    the event that created the order (customer, items, totals never change after it)
 * @param createdAt when it was placed; {@code updatedAt} when the newest event happened
 */
public record OrderState(OrderPlacedEvent placed, OrderStatus status, PaymentStatus paymentStatus,
                         String trackingNumber, Instant deliveryDate, Instant createdAt, Instant updatedAt) {

    public static OrderState placed(OrderPlacedEvent event, Instant at) {
        return new OrderState(event, OrderStatus.PENDING, PaymentStatus.PENDING, null, null, at, at);
    }

    public OrderId orderId() {
        return placed.orderId();
    }

    /** The state after {@code event}, which happened at {@code at}. Unknown events change only the time. */
    public OrderState apply(Object event, Instant at) {
        if (event instanceof OrderConfirmedEvent) {
            return moved(OrderStatus.CONFIRMED, at);
        } else if (event instanceof OrderProcessingStartedEvent) {
            return moved(OrderStatus.PROCESSING, at);
        } else if (event instanceof OrderShippedEvent) {
            return moved(OrderStatus.SHIPPED, at);
        } else if (event instanceof OrderDeliveredEvent) {
            return moved(OrderStatus.DELIVERED, at);
        } else if (event instanceof OrderCancelledEvent) {
            return moved(OrderStatus.CANCELLED, at);
        } else if (event instanceof OrderReturnedEvent) {
            return moved(OrderStatus.RETURNED, at);
        } else if (event instanceof OrderPaidEvent) {
            return new OrderState(placed, status, PaymentStatus.PAID, trackingNumber, deliveryDate, createdAt, at);
        } else if (event instanceof OrderShipmentDetailsChangedEvent details) {
            return new OrderState(placed, status, paymentStatus, details.trackingNumber(), details.deliveryDate(),
                    createdAt, at);
        }
        return new OrderState(placed, status, paymentStatus, trackingNumber, deliveryDate, createdAt, at);
    }

    private OrderState moved(OrderStatus to, Instant at) {
        return new OrderState(placed, to, paymentStatus, trackingNumber, deliveryDate, createdAt, at);
    }
}
