package dz.zst.query.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.domain.orders.OrderAccess;
import dz.zst.domain.orders.OrderEvents.OrderPlacedEvent;
import dz.zst.domain.orders.OrderHistory;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderQueries.FindOrderAsOfQuery;
import dz.zst.domain.orders.OrderQueries.FindOrderHistoryQuery;
import dz.zst.domain.orders.OrderQueries.FindPlacedOrdersQuery;
import dz.zst.domain.orders.OrderQueries.OrderList;
import dz.zst.domain.orders.OrderQueries.OrderViewer;
import dz.zst.domain.orders.OrderState;
import dz.zst.domain.orders.OrderView;
import dz.zst.domain.shared.AuditMetadata;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.PublicSellerView;
import dz.zst.query.shared.EventPayloads;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Order queries answered from the event store itself rather than from a read model: the auditors'
 * history with the actor of each event (from the metadata every command leaves on its events), the
 * order as it stood at any instant, and a checkout's own answer, all by the fold the aggregate uses
 * ({@link OrderState}). Access is decided from the order's first event, so it holds even while
 * projections rebuild.
 */
@Component
public class OrderHistoryQueryHandler {

    /** The digest of a guest secret: no reader of the history needs it. */
    private static final String HIDDEN_FIELD = "access_token_hash";

    private final EventStore eventStore;
    private final ObjectMapper json;
    private final JdbcClient jdbc;

    public OrderHistoryQueryHandler(EventStore eventStore, ObjectMapper json, JdbcClient jdbc) {
        this.eventStore = eventStore;
        this.json = json;
        this.jdbc = jdbc;
    }

    @QueryHandler
    public OrderHistory history(FindOrderHistoryQuery query) {
        List<DomainEventMessage<?>> events = readableEvents(query.orderId(), query.viewer());
        List<OrderHistory.Entry> entries = new ArrayList<>();
        for (DomainEventMessage<?> event : events) {
            entries.add(new OrderHistory.Entry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    event.getTimestamp(), actor(event.getMetaData()),
                    EventPayloads.data(json, event.getPayload(), HIDDEN_FIELD)));
        }
        return new OrderHistory(query.orderId().value(), entries);
    }

    @QueryHandler
    public OrderView asOf(FindOrderAsOfQuery query) {
        OrderState state = fold(readableEvents(query.orderId(), query.viewer()), query.asOf());
        if (state == null) {
            throw new NotFoundException("Order " + query.orderId() + " did not exist at " + query.asOf());
        }
        return withSellers(List.of(state)).get(0);
    }

    /**
     * The orders a checkout just placed, folded from the event store: the checkout's answer never
     * depends on how far the orders projection has got.
     */
    @QueryHandler
    public OrderList placed(FindPlacedOrdersQuery query) {
        List<OrderState> states = new ArrayList<>();
        for (OrderId orderId : query.orderIds()) {
            OrderState state = fold(events(orderId), Instant.MAX);
            if (state != null) {
                states.add(state);
            }
        }
        List<OrderView> orders = withSellers(states);
        orders.sort(Comparator.comparing(OrderView::sellerId));
        return new OrderList(orders);
    }

    private static OrderState fold(List<DomainEventMessage<?>> events, Instant until) {
        OrderState state = null;
        for (DomainEventMessage<?> event : events) {
            if (event.getTimestamp().isAfter(until)) {
                break;
            }
            state = state == null ? OrderState.placed((OrderPlacedEvent) event.getPayload(), event.getTimestamp())
                    : state.apply(event.getPayload(), event.getTimestamp());
        }
        return state;
    }

    private List<DomainEventMessage<?>> events(OrderId orderId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(orderId.toString(), 0).forEachRemaining(events::add);
        return events;
    }

    private List<DomainEventMessage<?>> readableEvents(OrderId orderId, OrderViewer viewer) {
        List<DomainEventMessage<?>> events = events(orderId);
        if (events.isEmpty() || !(events.get(0).getPayload() instanceof OrderPlacedEvent placed)
                || !OrderAccess.canRead(viewer, placed.buyerId() == null ? null : placed.buyerId().value(),
                        placed.sellerId().value(), placed.accessTokenHash())) {
            throw OrderQueryHandler.notFound(orderId);
        }
        return events;
    }

    private static OrderHistory.Actor actor(Map<String, ?> metadata) {
        Object id = metadata.get(AuditMetadata.ACTOR_ID);
        Object role = metadata.get(AuditMetadata.ACTOR_ROLE);
        return id == null ? null : new OrderHistory.Actor(id.toString(), role == null ? null : role.toString());
    }

    /**
     * Each order with its seller's public profile; the sellers are read in one query, not one per
     * order (a checkout places one order per seller). A seller whose user row is gone still has an
     * id to show.
     */
    private List<OrderView> withSellers(List<OrderState> states) {
        Map<String, PublicSellerView> sellers = new HashMap<>();
        if (!states.isEmpty()) {
            jdbc.sql("SELECT id AS seller_id, full_name AS seller_name, avatar_url AS seller_avatar, "
                            + "seller_category AS seller_tier, wilaya AS seller_wilaya, is_verified AS seller_verified "
                            + "FROM users WHERE id = ANY(?::uuid[])")
                    .param(states.stream().map(state -> state.placed().sellerId().toString()).toArray(String[]::new))
                    .query(rs -> {
                        PublicSellerView seller = OrderRows.seller(rs);
                        sellers.put(seller.id(), seller);
                    });
        }
        List<OrderView> orders = new ArrayList<>();
        for (OrderState state : states) {
            String sellerId = state.placed().sellerId().toString();
            PublicSellerView seller = sellers.get(sellerId);
            orders.add(OrderView.of(state,
                    seller != null ? seller : new PublicSellerView(sellerId, null, null, null, null, false)));
        }
        return orders;
    }
}
