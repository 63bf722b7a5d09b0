package dz.zst.query.realtime;

import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

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
 * {@code connect_error}, and is disconnected.
 *
 * <p>That listener API is synchronous, on netty's event loop, so only the token's own check runs
 * there (signature, issuer, party, expiry: computation, {@link RealtimeAuthenticator#verify}); the
 * socket joins {@code user:{id}} at once, and the user store's check (created on first sight,
 * deactivated, role and tier) runs on a pool of its own, as the first request of the socket's queue:
 * the socket's events are answered after it, and a user it refuses (deactivated) gets the same
 * {@code connect_error} right after {@code connect}, then is disconnected. Checked on the event loop,
 * a Redis read and a database query per socket had held every other socket of that loop, its pushes
 * included: after a node's loss its sockets reconnected to the others all at once, for users those
 * nodes had never seen, and the pushes of the sockets already there stopped for seconds.
 */
final class RealtimeHandshake implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RealtimeHandshake.class);
    private static final String UNAUTHORIZED = "unauthorized";
    private static final String UNAVAILABLE = "unavailable";
    private static final String BEARER = "Bearer ";
    /** Marks a socket refused or gone: its late packets are dropped, never admitted again. */
    private static final String CLOSED = "zst.realtime.closed";

    /** A session to keep and the token of its user store check, or the message the socket is refused with. */
    private record Admission(SocketSession session, String token, String refusal) {
        static Admission of(SocketSession session, String token) {
            return new Admission(session, token, null);
        }

        static Admission refused(String message) {
            return new Admission(null, null, message);
        }
    }

    private final RealtimeAuthenticator authenticator;
    private final RoomMembership rooms;
    /** Where a signed-in socket's user store check runs, off netty's event loops. */
    private final ExecutorService checks;

    RealtimeHandshake(RealtimeAuthenticator authenticator, RoomMembership rooms, int checkThreads) {
        this.authenticator = authenticator;
        this.rooms = rooms;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("realtime-check-");
        threads.setDaemon(true);
        this.checks = Executors.newFixedThreadPool(checkThreads, threads);
    }

    @Override
    public void destroy() {
        checks.shutdown();
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
        start(socket, admission);
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
            start(socket, admission);
            return admission.session();
        }
    }

    /**
     * Keeps the session, joins the user room before the client hears it is connected when it can,
     * and queues the user store's check of a signed-in socket ahead of its requests.
     */
    private void start(SocketIOClient socket, Admission admission) {
        SocketSession session = admission.session();
        socket.set(SocketSession.KEY, session);
        session.userId().ifPresent(userId -> {
            rooms.join(socket, Rooms.user(userId));
            session.enqueue(() -> check(socket, session, userId, admission.token()), checks);
        });
    }

    /** The user store's check: the session gets its actor, or the socket is refused and disconnected. */
    private void check(SocketIOClient socket, SocketSession session, UserId userId, String token) {
        String refusal;
        try {
            Optional<Actor> actor = authenticator.authenticate(token).filter(found -> found.userId().equals(userId));
            if (actor.isPresent()) {
                session.admitted(actor.get());
                return;
            }
            refusal = UNAUTHORIZED;
        } catch (RuntimeException e) {
            log.warn("realtime handshake user could not be checked", e);
            refusal = UNAVAILABLE;
        }
        session.refuse();
        synchronized (socket) {
            socket.set(CLOSED, Boolean.TRUE);
        }
        refuse(socket, refusal);
    }

    private Admission admission(Object token) {
        if (token == null || token instanceof String text && text.isBlank()) {
            return Admission.of(SocketSession.guest(), null);
        }
        if (!(token instanceof String text)) {
            return Admission.refused(UNAUTHORIZED);
        }
        String jwt = text.startsWith(BEARER) ? text.substring(BEARER.length()).strip() : text.strip();
        try {
            return authenticator.verify(jwt).map(userId -> Admission.of(SocketSession.signedIn(userId), jwt))
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
