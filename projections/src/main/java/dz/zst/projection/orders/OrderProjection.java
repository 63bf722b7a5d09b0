package dz.zst.projection.orders;

import static dz.zst.projection.shared.EventColumns.position;
import static dz.zst.projection.shared.EventColumns.utc;

import dz.zst.domain.orders.Customer;
import dz.zst.domain.orders.OrderEvents.OrderCancelledEvent;
import dz.zst.domain.orders.OrderEvents.OrderConfirmedEvent;
import dz.zst.domain.orders.OrderEvents.OrderDeliveredEvent;
import dz.zst.domain.orders.OrderEvents.OrderPaidEvent;
import dz.zst.domain.orders.OrderEvents.OrderPlacedEvent;
import dz.zst.domain.orders.OrderEvents.OrderProcessingStartedEvent;
import dz.zst.domain.orders.OrderEvents.OrderReturnedEvent;
import dz.zst.domain.orders.OrderEvents.OrderShipmentDetailsChangedEvent;
import dz.zst.domain.orders.OrderEvents.OrderShippedEvent;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderStatus;
import dz.zst.domain.orders.OrderView;
import dz.zst.domain.orders.PaymentStatus;
import dz.zst.domain.orders.Phones;
import dz.zst.domain.shared.ReadModel;
import dz.zst.projection.shared.JsonColumns;
import dz.zst.projection.shared.ReadModelGenerations;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The orders table: one row per order, for the buyer's and the seller's lists, order reads and
 * guest tracking. Replay-safe: every write is guarded by the event's global position, so a
 * redelivered or older event changes nothing, and times come from the events themselves.
 */
@Component
@ProcessingGroup("orders")
public class OrderProjection {

    private final JdbcClient jdbc;
    private final ReadModelGenerations generations;

    public OrderProjection(JdbcClient jdbc, ReadModelGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE orders").update();
        generations.bump(ReadModel.ORDERS);
    }

    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        Customer customer = event.customer();
        jdbc.sql("""
                INSERT INTO orders (id, order_number, checkout_id, user_id, seller_id, customer_name, customer_email,
                                    customer_phone, phone_key, shipping_address, customer_wilaya, wilaya_code,
                                    subtotal, shipping_cost, total, status, payment_status, payment_method, notes,
                                    items, access_token_hash, created_at, updated_at, version, position)
                VALUES (:id, :number, :checkout, :buyer, :seller, :name, :email, :phone, :phoneKey, :address, :wilaya,
                        :wilayaCode, :subtotal, :shipping, :total, :status, :paymentStatus, :paymentMethod, :notes,
                        CAST(:items AS jsonb), :tokenHash, :at, :at, :version, :position)
                ON CONFLICT (id) DO UPDATE SET
                    order_number = EXCLUDED.order_number, checkout_id = EXCLUDED.checkout_id,
                    user_id = EXCLUDED.user_id, seller_id = EXCLUDED.seller_id,
                    customer_name = EXCLUDED.customer_name, customer_email = EXCLUDED.customer_email,
                    customer_phone = EXCLUDED.customer_phone, phone_key = EXCLUDED.phone_key,
                    shipping_address = EXCLUDED.shipping_address, customer_wilaya = EXCLUDED.customer_wilaya,
                    wilaya_code = EXCLUDED.wilaya_code, subtotal = EXCLUDED.subtotal,
                    shipping_cost = EXCLUDED.shipping_cost, total = EXCLUDED.total, status = EXCLUDED.status,
                    payment_status = EXCLUDED.payment_status, payment_method = EXCLUDED.payment_method,
                    notes = EXCLUDED.notes, items = EXCLUDED.items, access_token_hash = EXCLUDED.access_token_hash,
                    created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                    version = EXCLUDED.version, position = EXCLUDED.position
                WHERE orders.position < EXCLUDED.position
                """)
                .param("id", event.orderId().value())
                .param("number", event.orderNumber())
                .param("checkout", event.checkoutId())
                .param("buyer", event.buyerId() == null ? null : event.buyerId().value())
                .param("seller", event.sellerId().value())
                .param("name", customer.name())
                .param("email", customer.email())
                .param("phone", customer.phone())
                .param("phoneKey", Phones.national(customer.phone()))
                .param("address", customer.shippingAddress())
                .param("wilaya", customer.wilaya())
                .param("wilayaCode", customer.wilayaCode())
                .param("subtotal", event.subtotal())
                .param("shipping", event.shippingCost())
                .param("total", event.total())
                .param("status", OrderStatus.PENDING.wire())
                .param("paymentStatus", PaymentStatus.PENDING.wire())
                .param("paymentMethod", event.paymentMethod().wire())
                .param("notes", event.notes())
                .param("items", JsonColumns.write(event.items().stream()
                        .map(line -> new OrderView.Item(line.itemId(), line.productId().value(), line.productName(),
                                line.productImage(), line.quantity(), line.price(), line.subtotal()))
                        .toList()))
                .param("tokenHash", event.accessTokenHash())
                .param("at", utc(at))
                .param("version", version)
                .param("position", position(token))
                .update();
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        status(event.orderId(), OrderStatus.CONFIRMED, at, version, token);
    }

    @EventHandler
    void on(OrderProcessingStartedEvent event, @Timestamp Instant at, @SequenceNumber long version,
            TrackingToken token) {
        status(event.orderId(), OrderStatus.PROCESSING, at, version, token);
    }

    @EventHandler
    void on(OrderShippedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        status(event.orderId(), OrderStatus.SHIPPED, at, version, token);
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        status(event.orderId(), OrderStatus.DELIVERED, at, version, token);
    }

    @EventHandler
    void on(OrderCancelledEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        status(event.orderId(), OrderStatus.CANCELLED, at, version, token);
    }

    @EventHandler
    void on(OrderReturnedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        status(event.orderId(), OrderStatus.RETURNED, at, version, token);
    }

    @EventHandler
    void on(OrderPaidEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        update(event.orderId(), "payment_status = :paymentStatus", values("paymentStatus", PaymentStatus.PAID.wire()),
                at, version, token);
    }

    @EventHandler
    void on(OrderShipmentDetailsChangedEvent event, @Timestamp Instant at, @SequenceNumber long version,
            TrackingToken token) {
        Map<String, Object> details = values("tracking", event.trackingNumber());
        details.put("delivery", event.deliveryDate() == null ? null : utc(event.deliveryDate()));
        update(event.orderId(), "tracking_number = :tracking, delivery_date = :delivery", details, at, version, token);
    }

    private void status(OrderId orderId, OrderStatus status, Instant at, long version, TrackingToken token) {
        update(orderId, "status = :status", values("status", status.wire()), at, version, token);
    }

    /** A mutable map: shipment details may be null, which Map.of refuses. */
    private static Map<String, Object> values(String name, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(name, value);
        return values;
    }

    /** Applies {@code assignments} to the order's row unless the row already folded this event. */
    private void update(OrderId orderId, String assignments, Map<String, Object> values, Instant at, long version,
                        TrackingToken token) {
        jdbc.sql("UPDATE orders SET " + assignments + ", updated_at = :at, version = :version, position = :position "
                        + "WHERE id = :id AND position < :position")
                .params(values)
                .param("at", utc(at))
                .param("version", version)
                .param("position", position(token))
                .param("id", orderId.value())
                .update();
    }
}
