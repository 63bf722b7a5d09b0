package dz.zst.query.realtime;

import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a socket is (API.md §11): the token of the v4 CONNECT packet's {@code auth.token}, else of the
 * query parameter {@code token}; none makes a guest. A token that fails verification gets
 * {@code connect_error} with message {@code unauthorized}. A signed-in socket joins {@code user:{id}}.
 * The token may carry the {@code Bearer } prefix of the REST header.
 *
 * <p>netty-socketio asks the namespace's auth-token listener only when the CONNECT packet carries
 * a payload, and then before it answers; a CONNECT without payload is answered at once. So a bad
 * {@code auth.token} is refused before the socket connects, while a bad query-string token (older
 * clients) can only be refused right after: that client sees {@code connect}, then the same
 * {@code connect_error}, and is disconnected. The check runs on netty's event loop, as that
 * listener API is synchronous; a token verified before and a user resolved recently are answered
 * from memory (TokenDecoders, ActorResolver), so a reconnecting socket costs one Redis read.
 */
final class RealtimeHandshake {

    private static final Logger log = LoggerFactory.getLogger(RealtimeHandshake.class);
    private static final String UNAUTHORIZED = "unauthorized";
    private static final String UNAVAILABLE = "unavailable";
    private static final String BEARER = "Bearer ";
    /** Marks a socket refused or gone: its late packets are dropped, never admitted again. */
    private static final String CLOSED = "zst.realtime.closed";

    /** A session to keep, or the message the socket is refused with. */
    private record Admission(SocketSession session, String refusal) {
        static Admission of(SocketSession session) {
            return new Admission(session, null);
        }

        static Admission refused(String message) {
            return new Admission(null, message);
        }
    }

    private final RealtimeAuthenticator authenticator;
    private final RoomMembership rooms;

    RealtimeHandshake(RealtimeAuthenticator authenticator, RoomMembership rooms) {
        this.authenticator = authenticator;
        this.rooms = rooms;
    }

    void attach(SocketIONamespace namespace) {
        namespace.addAuthTokenListener(this::admit);
        namespace.addConnectListener(this::session);
        namespace.addDisconnectListener(socket -> {
            synchronized (socket) {
                socket.set(CLOSED, Boolean.TRUE);
                socket.del(SocketSession.KEY);
            }
            rooms.disconnected();
        });
    }

    /** A CONNECT with a payload: decided before netty-socketio answers it. */
    private AuthTokenResult admit(Object auth, SocketIOClient socket) {
        Object token = auth instanceof Map<?, ?> fields && fields.get("token") != null
                ? fields.get("token") : socket.getHandshakeData().getSingleUrlParam("token");
        Admission admission = admission(token);
        if (admission.refusal() != null) {
            return new AuthTokenResult(false, Map.of("message", admission.refusal()));
        }
        start(socket, admission.session());
        return AuthTokenResult.AuthTokenResultSuccess;
    }

    /**
     * The socket's session, null when it was refused or is gone. A CONNECT without payload was not
     * seen by {@link #admit} and is decided here, by its connect listener or by its first event,
     * whichever comes first: netty-socketio acknowledges a CONNECT before it runs the connect
     * listeners, so a polling client's first event (another HTTP request, another thread) can
     * overtake them.
     */
    SocketSession session(SocketIOClient socket) {
        synchronized (socket) {
            SocketSession session = socket.get(SocketSession.KEY);
            if (session != null || socket.has(CLOSED)) {
                return session;
            }
            Admission admission = admission(socket.getHandshakeData().getSingleUrlParam("token"));
            if (admission.refusal() != null) {
                socket.set(CLOSED, Boolean.TRUE);
                refuse(socket, admission.refusal());
                return null;
            }
            start(socket, admission.session());
            return admission.session();
        }
    }

    /** Keeps the session, and joins the user room before the client hears it is connected when it can. */
    private void start(SocketIOClient socket, SocketSession session) {
        socket.set(SocketSession.KEY, session);
        session.actor().ifPresent(actor -> rooms.join(socket, Rooms.user(actor.userId())));
    }

    private Admission admission(Object token) {
        if (token == null || token instanceof String text && text.isBlank()) {
            return Admission.of(SocketSession.guest());
        }
        if (!(token instanceof String text)) {
            return Admission.refused(UNAUTHORIZED);
        }
        String jwt = text.startsWith(BEARER) ? text.substring(BEARER.length()).strip() : text.strip();
        try {
            return authenticator.authenticate(jwt).map(actor -> Admission.of(SocketSession.of(actor)))
                    .orElseGet(() -> Admission.refused(UNAUTHORIZED));
        } catch (RuntimeException e) {
            log.warn("realtime handshake token could not be checked", e);
            return Admission.refused(UNAVAILABLE);
        }
    }

    /** The v4 CONNECT_ERROR packet netty-socketio sends for a refused auth payload, then a disconnect. */
    private static void refuse(SocketIOClient socket, String message) {
        Packet error = new Packet(PacketType.MESSAGE, socket.getEngineIOVersion());
        error.setSubType(PacketType.ERROR);
        error.setNsp(socket.getNamespace().getName());
        error.setData(Map.of("message", message));
        TransportUpgrades.send(socket, () -> {
            socket.send(error);
            socket.disconnect();
        });
    }
}
