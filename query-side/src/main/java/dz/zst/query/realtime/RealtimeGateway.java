package dz.zst.query.realtime;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BOfferView;
import dz.zst.domain.b2b.B2BQueries.FindB2BOfferQuery;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderQueries.FindOrderQuery;
import dz.zst.domain.orders.OrderQueries.OrderViewer;
import dz.zst.domain.orders.OrderView;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelQueries.FindReelStatsQuery;
import dz.zst.domain.reels.ReelStats;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.DomainException;
import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.query.realtime.Replies.Failure;
import dz.zst.query.realtime.Replies.OfferJoined;
import dz.zst.query.realtime.Replies.OfferLeft;
import dz.zst.query.realtime.Replies.OrderSubscribed;
import dz.zst.query.realtime.Replies.OrderUnsubscribed;
import dz.zst.query.realtime.Replies.Pong;
import dz.zst.query.realtime.Replies.ReelJoined;
import dz.zst.query.realtime.Replies.ReelLeft;
import dz.zst.query.realtime.Replies.SellerSubscribed;
import dz.zst.query.shared.Reads;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The client events of API.md §11 on {@code /realtime}. Each is answered with its reply event, or
 * {@code error {message}}, and with the same object as acknowledgement when the client asks for
 * one. Requests run on a small pool of their own, never on netty's event loops: rooms that need
 * a permission are joined only once the read side's query (the one REST asks) has answered.
 */
public class RealtimeGateway implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RealtimeGateway.class);

    @FunctionalInterface
    private interface Handler {
        Reply handle(SocketIOClient socket, SocketSession session, Object data);
    }

    /** The events to send back, in order, and the acknowledgement's payload. */
    private record Reply(Object ack, List<Emission> emissions) {
        private record Emission(String event, Object payload) {
        }

        static Reply of(String event, Object payload) {
            return new Reply(payload, List.of(new Emission(event, payload)));
        }

        static Reply error(String message) {
            return of("error", new Failure(message));
        }

        Reply then(String event, Object payload) {
            List<Emission> more = new ArrayList<>(emissions);
            more.add(new Emission(event, payload));
            return new Reply(ack, more);
        }
    }

    private final Reads reads;
    private final RealtimeHandshake handshake;
    private final ObjectMapper json;
    private final ExecutorService requests;
    private final RoomMembership rooms;

    RealtimeGateway(Reads reads, RealtimeHandshake handshake, ObjectMapper json, int threads, RoomMembership rooms) {
        this.reads = reads;
        this.handshake = handshake;
        this.json = json;
        this.rooms = rooms;
        CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("realtime-request-");
        threadFactory.setDaemon(true);
        this.requests = Executors.newFixedThreadPool(threads, threadFactory);
    }

    void attach(SocketIONamespace namespace) {
        on(namespace, "reel:join", this::joinReel);
        on(namespace, "reel:leave", this::leaveReel);
        on(namespace, "order:subscribe", this::subscribeOrder);
        on(namespace, "order:unsubscribe", this::unsubscribeOrder);
        on(namespace, "seller:subscribe", this::subscribeSeller);
        on(namespace, "b2b:join", this::joinOffer);
        on(namespace, "b2b:leave", this::leaveOffer);
        on(namespace, "ping", (socket, session, data) -> Reply.of("pong", new Pong(Instant.now().truncatedTo(ChronoUnit.MILLIS))));
    }

    /**
     * Joins only a reel that exists and that the socket's user may see (a wholesale product's reel is
     * not public); its counters follow at once, so the viewer needs no REST call.
     */
    private Reply joinReel(SocketIOClient socket, SocketSession session, Object data) {
        ReelId reelId = new ReelId(id(data, "reelId", "reel id"));
        ReelStats stats = reads.ask(new FindReelStatsQuery(reelId, session.actor().orElse(null)), ReelStats.class);
        String room = Rooms.reel(reelId);
        rooms.join(socket, room);
        return Reply.of("reel:joined", new ReelJoined(reelId.toString(), room))
                .then("reel:stats", stats);
    }

    private Reply leaveReel(SocketIOClient socket, SocketSession session, Object data) {
        ReelId reelId = new ReelId(id(data, "reelId", "reel id"));
        rooms.leave(socket, Rooms.reel(reelId));
        return Reply.of("reel:left", new ReelLeft(reelId.toString()));
    }

    /** Whoever may read the order (buyer, its seller, an admin, a guest with its token) may follow it. */
    private Reply subscribeOrder(SocketIOClient socket, SocketSession session, Object data) {
        OrderId orderId = new OrderId(id(data, "orderId", "order id"));
        OrderViewer viewer = new OrderViewer(session.actor().orElse(null), orderToken(data));
        reads.ask(new FindOrderQuery(orderId, viewer), OrderView.class);
        String room = Rooms.order(orderId);
        rooms.join(socket, room);
        return Reply.of("order:subscribed", new OrderSubscribed(orderId.toString(), room));
    }

    private Reply unsubscribeOrder(SocketIOClient socket, SocketSession session, Object data) {
        OrderId orderId = new OrderId(id(data, "orderId", "order id"));
        rooms.leave(socket, Rooms.order(orderId));
        return Reply.of("order:unsubscribed", new OrderUnsubscribed(orderId.toString()));
    }

    /**
     * A seller follows its own dashboard. Admins are refused like anyone else, as the contract says
     * "sellers only": an admin has no seller room of its own.
     */
    private Reply subscribeSeller(SocketIOClient socket, SocketSession session, Object data) {
        Actor seller = session.actor().filter(Actor::isSeller)
                .orElseThrow(() -> new ForbiddenException("only sellers can subscribe to seller updates"));
        String room = Rooms.seller(seller.userId());
        rooms.join(socket, room);
        return Reply.of("seller:subscribed", new SellerSubscribed(seller.userId().toString(), room));
    }

    /**
     * Only those who may see the offer (API.md §3: sellers of its target tier while it is active, its
     * owner, admins) may follow it; to anyone else it does not exist.
     */
    private Reply joinOffer(SocketIOClient socket, SocketSession session, Object data) {
        B2BOfferId offerId = new B2BOfferId(id(data, "offerId", "offer id"));
        Actor viewer = session.actor().orElseThrow(() -> new NotFoundException("B2B offer " + offerId + " not found"));
        reads.ask(new FindB2BOfferQuery(offerId, viewer), B2BOfferView.class);
        String room = Rooms.offer(offerId.value());
        rooms.join(socket, room);
        return Reply.of("b2b:joined", new OfferJoined(offerId.toString(), room));
    }

    private Reply leaveOffer(SocketIOClient socket, SocketSession session, Object data) {
        UUID offerId = id(data, "offerId", "offer id");
        rooms.leave(socket, Rooms.offer(offerId));
        return Reply.of("b2b:left", new OfferLeft(offerId.toString()));
    }

    private void on(SocketIONamespace namespace, String event, Handler handler) {
        namespace.addEventListener(event, Object.class, (socket, data, ack) -> {
            SocketSession session = handshake.session(socket);
            if (session == null) {
                // A socket whose CONNECT was refused: netty-socketio still routes its packets here.
                return;
            }
            Runnable request = () -> {
                if (!session.isRefused()) {
                    answer(socket, ack, reply(event, handler, socket, session, data));
                }
            };
            if (!session.enqueue(request, requests)) {
                answer(socket, ack, Reply.error("too many requests in flight"));
            }
        });
    }

    private static Reply reply(String event, Handler handler, SocketIOClient socket, SocketSession session,
                               Object data) {
        try {
            return handler.handle(socket, session, data);
        } catch (RuntimeException e) {
            RuntimeException cause = DomainException.unwrap(e);
            if (cause instanceof DomainException || cause instanceof IllegalArgumentException) {
                return Reply.error(cause.getMessage());
            }
            log.warn("realtime {} of {} failed", event, socket.getSessionId(), e);
            return Reply.error("internal error");
        }
    }

    private void answer(SocketIOClient socket, AckRequest ack, Reply reply) {
        TransportUpgrades.send(socket, () -> {
            for (Reply.Emission emission : reply.emissions()) {
                socket.sendEvent(emission.event(), render(emission.payload()));
            }
            if (ack.isAckRequested()) {
                ack.sendAckData(render(reply.ack()));
            }
        });
    }

    /** Rendered by the API's own ObjectMapper, then written verbatim by netty-socketio's. */
    private RawValue render(Object payload) {
        try {
            return new RawValue(json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + payload.getClass().getSimpleName(), e);
        }
    }

    /** The id an event names: its argument itself, or the {@code key} field of an object argument. */
    private static UUID id(Object data, String key, String what) {
        Object value = data instanceof Map<?, ?> fields ? fields.get(key) : data;
        return Ids.parseArgument(value instanceof String text ? text : null, what);
    }

    /** A guest's order access token, sent as {@code {orderId, token}} or {@code {orderId, accessToken}}. */
    private static String orderToken(Object data) {
        if (!(data instanceof Map<?, ?> fields)) {
            return null;
        }
        Object token = fields.get("token") != null ? fields.get("token") : fields.get("accessToken");
        if (token != null && !(token instanceof String)) {
            throw new IllegalArgumentException("order token must be a string");
        }
        return (String) token;
    }

    @Override
    public void destroy() {
        requests.shutdown();
    }
}
