package dz.zst.query.realtime;

import dz.zst.domain.shared.Actor;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway keeps on an admitted socket: who it is (absent for a guest) and its requests,
 * answered one after the other in the order they arrived, so that a leave sent after a join is
 * never overtaken by the join's query. The identity is the one of the handshake: a role change or
 * a deactivation applies from the socket's next connection.
 */
final class SocketSession {

    /** The key of the session in netty-socketio's per-client store. */
    static final String KEY = "zst.realtime.session";
    /** More unanswered requests than this from one socket are refused rather than queued. */
    static final int MAX_PENDING = 16;

    private final Actor actor;
    private final AtomicInteger pending = new AtomicInteger();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    private SocketSession(Actor actor) {
        this.actor = actor;
    }

    static SocketSession guest() {
        return new SocketSession(null);
    }

    static SocketSession of(Actor actor) {
        return new SocketSession(actor);
    }

    Optional<Actor> actor() {
        return Optional.ofNullable(actor);
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
