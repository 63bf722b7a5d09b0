package dz.zst.command.orders;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import dz.zst.domain.orders.OrderLine;
import dz.zst.domain.orders.OrderState;
import dz.zst.domain.orders.OrderStatus;
import dz.zst.domain.orders.PaymentMethod;
import dz.zst.domain.orders.PaymentStatus;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An order to one seller, from checkout to delivery or return: the status machine of API.md §6.
 * Orders are placed and moved by {@link Checkout} and {@link OrderDesk}, which also take and give
 * back the products' stock in the same unit of work; the decisions about the order itself are here.
 */
@Aggregate
public class Order {

    static final int MAX_TRACKING_NUMBER = 100;

    @AggregateIdentifier
    private OrderId id;
    private OrderState state;

    protected Order() {
    }

    /** Placed by a checkout, once the stock of every line is reserved in the same unit of work. */
    Order(OrderPlacedEvent placed) {
        apply(placed);
    }

    /**
     * A seller's or admin's status update. A move the status machine doesn't allow is refused with
     * the contract's message; shipment details alone may be updated without moving.
     *
     * @return the lines whose units go back to stock (cancelled or returned), else empty
     */
    public List<OrderLine> changeStatus(Actor actor, OrderStatus target, String trackingNumber, Instant deliveryDate) {
        requireVisibleTo(actor);
        if (!(actor.isAdmin() || actor.is(state.placed().sellerId()))) {
            throw new ForbiddenException("Only the order's seller or an admin can update its status");
        }
        Objects.requireNonNull(target, "status");
        boolean detailsOnly = target == state.status() && (trackingNumber != null || deliveryDate != null);
        if (!detailsOnly && !state.status().canMoveTo(target)) {
            throw new BusinessRuleViolationException("Cannot transition from " + state.status().wire() + " to "
                    + target.wire());
        }
        if (trackingNumber != null && (trackingNumber.isBlank() || trackingNumber.length() > MAX_TRACKING_NUMBER)) {
            throw new IllegalArgumentException("tracking_number must be 1 to " + MAX_TRACKING_NUMBER + " characters");
        }
        String newTracking = trackingNumber != null ? trackingNumber.strip() : state.trackingNumber();
        Instant newDelivery = deliveryDate != null ? deliveryDate : state.deliveryDate();
        if (!Objects.equals(newTracking, state.trackingNumber()) || !Objects.equals(newDelivery, state.deliveryDate())) {
            apply(new OrderShipmentDetailsChangedEvent(id, newTracking, newDelivery));
        }
        return detailsOnly ? List.of() : moveTo(target);
    }

    /**
     * Cancel by the buyer, the seller or an admin, only while pending or confirmed.
     *
     * @return the lines whose units go back to stock
     */
    public List<OrderLine> cancel(Actor actor) {
        requireVisibleTo(actor);
        if (!state.status().cancellableByBuyer()) {
            throw new BusinessRuleViolationException("Cannot cancel an order that is " + state.status().wire()
                    + ": only pending or confirmed orders can be cancelled");
        }
        return moveTo(OrderStatus.CANCELLED);
    }

    private List<OrderLine> moveTo(OrderStatus target) {
        OrderStatus from = state.status();
        switch (target) {
            case CONFIRMED -> apply(new OrderConfirmedEvent(id));
            case PROCESSING -> apply(new OrderProcessingStartedEvent(id));
            case SHIPPED -> apply(new OrderShippedEvent(id));
            case DELIVERED -> {
                apply(new OrderDeliveredEvent(id));
                if (state.placed().paymentMethod() == PaymentMethod.COD && state.paymentStatus() == PaymentStatus.PENDING) {
                    apply(new OrderPaidEvent(id, PaymentMethod.COD, state.placed().total()));
                }
            }
            case CANCELLED -> apply(new OrderCancelledEvent(id, from));
            case RETURNED -> apply(new OrderReturnedEvent(id, from));
            default -> throw new IllegalArgumentException("Cannot transition from " + from.wire() + " to " + target.wire());
        }
        return OrderStatus.restocks(target) ? state.placed().items() : List.of();
    }

    /** Only the buyer, the order's seller and admins know the order exists (API.md §6: others get 404). */
    private void requireVisibleTo(Actor actor) {
        boolean party = actor != null && (actor.isAdmin() || actor.is(state.placed().sellerId())
                || (state.placed().buyerId() != null && actor.is(state.placed().buyerId())));
        if (!party) {
            throw new NotFoundException("Order " + id + " not found");
        }
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event, @Timestamp Instant at) {
        id = event.orderId();
        state = OrderState.placed(event, at);
    }

    @EventSourcingHandler
    void on(Object event, @Timestamp Instant at) {
        if (!(event instanceof OrderPlacedEvent)) {
            state = state.apply(event, at);
        }
    }

    @Override
    public String toString() {
        return "Order[" + Objects.toString(id) + "]";
    }
}
