package dz.zst.query.pushes;

import dz.zst.domain.orders.OrderEvents.OrderCancelledEvent;
import dz.zst.domain.orders.OrderEvents.OrderConfirmedEvent;
import dz.zst.domain.orders.OrderEvents.OrderDeliveredEvent;
import dz.zst.domain.orders.OrderEvents.OrderPlacedEvent;
import dz.zst.domain.orders.OrderEvents.OrderProcessingStartedEvent;
import dz.zst.domain.orders.OrderEvents.OrderReturnedEvent;
import dz.zst.domain.orders.OrderEvents.OrderShipmentDetailsChangedEvent;
import dz.zst.domain.orders.OrderEvents.OrderShippedEvent;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderQueries.FindOrderQuery;
import dz.zst.domain.orders.OrderQueries.OrderViewer;
import dz.zst.domain.orders.OrderView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import dz.zst.query.orders.OrderQueryHandler;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.Rooms;
import dz.zst.query.shared.ReadYourWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Order pushes (API.md §11): {@code order:new} to the seller's room, and {@code order:status-updated}
 * to the order's room, its buyer and its seller, as the order's events happen. The order in each
 * push is the read model's, read once the orders projection has folded the event.
 */
@Component
@ProcessingGroup(LivePushes.ORDER_PUSHES)
@DisallowReplay
public class OrderPushes {

    /** Pushes read orders as the platform itself: who may receive them is decided by the rooms. */
    private static final Actor PLATFORM = new Actor(new UserId(new UUID(0, 0)), Role.ADMIN, null);

    private final RealtimeBroadcaster broadcaster;
    private final OrderQueryHandler orders;

    private final ReadYourWrites readModels;

    public OrderPushes(RealtimeBroadcaster broadcaster, OrderQueryHandler orders, ReadYourWrites readModels) {
        this.broadcaster = broadcaster;
        this.orders = orders;
        this.readModels = readModels;
    }

    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        OrderView order = folded(event.orderId(), token);
        if (order == null) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("order", order);
        payload.put("timestamp", at.toString());
        broadcaster.emit(List.of(Rooms.seller(event.sellerId())), "order:new", payload);
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        statusUpdated(event.orderId(), at, token);
    }

    @EventHandler
    void on(OrderProcessingStartedEvent event, @Timestamp Instant at, TrackingToken token)
            throws InterruptedException {
        statusUpdated(event.orderId(), at, token);
    }

    @EventHandler
    void on(OrderShippedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        statusUpdated(event.orderId(), at, token);
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        statusUpdated(event.orderId(), at, token);
    }

    @EventHandler
    void on(OrderCancelledEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        statusUpdated(event.orderId(), at, token);
    }

    @EventHandler
    void on(OrderReturnedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        statusUpdated(event.orderId(), at, token);
    }

    /** A new tracking number or delivery date is news to the buyer too, under the current status. */
    @EventHandler
    void on(OrderShipmentDetailsChangedEvent event, @Timestamp Instant at, TrackingToken token)
            throws InterruptedException {
        statusUpdated(event.orderId(), at, token);
    }

    private void statusUpdated(OrderId orderId, Instant at, TrackingToken token) throws InterruptedException {
        OrderView order = folded(orderId, token);
        if (order == null) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", order.id().toString());
        payload.put("status", order.status());
        payload.put("order", order);
        payload.put("timestamp", at.toString());
        List<String> rooms = new ArrayList<>(List.of(Rooms.order(orderId), Rooms.seller(new UserId(order.sellerId()))));
        if (order.userId() != null) {
            rooms.add(Rooms.user(new UserId(order.userId())));
        }
        broadcaster.emit(rooms, "order:status-updated", payload);
    }

    /**
     * The order as the orders read model holds it once it has folded the event; none when the read
     * model set the event aside as a dead letter (or did not fold it in time): a push would show an
     * order without the change it announces, so there is none.
     */
    private OrderView folded(OrderId orderId, TrackingToken token) throws InterruptedException {
        if (!readModels.foldedForPush(ReadModel.ORDERS, orderId, token)) {
            return null;
        }
        return orders.find(new FindOrderQuery(orderId, new OrderViewer(PLATFORM, null)));
    }
}
