package dz.zst.domain.orders;

import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Events of the Order aggregate: the order's whole history, read back by auditors with the actor
 * of each event in its metadata. Facts forever: change only through upcasters.
 */
public final class OrderEvents {
    private OrderEvents() {
    }

    /**
     * @param buyerId         null for a guest checkout
     * @param accessTokenHash SHA-256 (hex) of the guest's access token, never the token itself
     */
    @Revision("1")
    public record OrderPlacedEvent(OrderId orderId, String orderNumber, String checkoutId, UserId buyerId,
                                   UserId sellerId, Customer customer, String notes, PaymentMethod paymentMethod,
                                   List<OrderLine> items, BigDecimal subtotal, BigDecimal shippingCost,
                                   BigDecimal total, String accessTokenHash) {
    }

    @Revision("1")
    public record OrderConfirmedEvent(OrderId orderId) {
    }

    @Revision("1")
    public record OrderProcessingStartedEvent(OrderId orderId) {
    }

    @Revision("1")
    public record OrderShippedEvent(OrderId orderId) {
    }

    @Revision("1")
    public record OrderDeliveredEvent(OrderId orderId) {
    }

    /** The ordered units go back to stock (the products' own events record it). */
    @Revision("1")
    public record OrderCancelledEvent(OrderId orderId, OrderStatus previousStatus) {
    }

    /** The parcel came back; its units go back to stock. */
    @Revision("1")
    public record OrderReturnedEvent(OrderId orderId, OrderStatus previousStatus) {
    }

    /** Cash on delivery collected, or a payment confirmed. */
    @Revision("1")
    public record OrderPaidEvent(OrderId orderId, PaymentMethod paymentMethod, BigDecimal amount) {
    }

    @Revision("1")
    public record OrderShipmentDetailsChangedEvent(OrderId orderId, String trackingNumber, Instant deliveryDate) {
    }
}
