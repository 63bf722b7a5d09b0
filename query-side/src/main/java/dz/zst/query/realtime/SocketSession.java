package dz.zst.query.realtime;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.UserId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway keeps on an admitted socket: who it is (absent for a guest) and its requests,
 * answered one after the other in the order they arrived, so that a leave sent after a join is
 * never overtaken by the join's query. The identity is the one of the handshake: a role change or
 * a deactivation applies from the socket's next connection.
 *
 * <p>A signed-in socket's user id is known from its token at once; its actor (role, tier, whether it
 * is active) only once the handshake's check, the first request in its queue, has read the user
 * store ({@link RealtimeHandshake}). Its requests wait behind that check; a socket the check refused
 * answers none.
 */
final class SocketSession {

    /** The key of the session in netty-socketio's per-client store. */
    static final String KEY = "zst.realtime.session";
    /** More unanswered requests than this from one socket are refused rather than queued. */
    static final int MAX_PENDING = 16;

    private final UserId userId;
    private volatile Actor actor;
    private volatile boolean refused;
    private final AtomicInteger pending = new AtomicInteger();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    private SocketSession(UserId userId) {
        this.userId = userId;
    }

    static SocketSession guest() {
        return new SocketSession(null);
    }

    /** A socket whose token named {@code userId}; its actor comes with {@link #admitted}. */
    static SocketSession signedIn(UserId userId) {
        return new SocketSession(userId);
    }

    Optional<UserId> userId() {
        return Optional.ofNullable(userId);
    }

    /** The socket's actor: empty for a guest, and for a signed-in socket until its check admitted it. */
    Optional<Actor> actor() {
        return Optional.ofNullable(actor);
    }

    void admitted(Actor actor) {
        this.actor = actor;
    }

    void refuse() {
        refused = true;
    }

    /** The handshake's check refused the socket: nothing it asks is answered. */
    boolean isRefused() {
        return refused;
    }

    /** @return false, running nothing, when {@value #MAX_PENDING} requests are still unanswered */
    synchronized boolean enqueue(Runnable request, Executor executor) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return false;
        }
        tail = tail.handleAsync((previous, failure) -> {
            try {
                request.run();
            } finally {
                pending.decrementAndGet();
            }
            return null;
        }, executor);
        return true;
    }
}
