package dz.zst.app.ops;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether this node is ready to serve, as /api/health tells the load balancer: the application has
 * started, its read models have caught up with every event stored when it did (a restart must not
 * serve views older than what it had already answered), and the start-up tasks that hold it (the
 * demo seeding) are done. Until then health answers 503 "starting". Once ready it stays ready.
 */
@Component
public class NodeReadiness {

    private final ProjectionOps projections;
    private final Set<String> holds = ConcurrentHashMap.newKeySet();
    private volatile Long headAtStart;
    private volatile boolean caughtUp;
    private volatile boolean ready;

    public NodeReadiness(ProjectionOps projections) {
        this.projections = projections;
    }

    /** A start-up task the node must finish before it serves; released by {@link #release}. */
    public void hold(String task) {
        holds.add(task);
    }

    public void release(String task) {
        holds.remove(task);
    }

    public boolean holds(String task) {
        return holds.contains(task);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void started() {
        headAtStart = projections.head();
    }

    public boolean isReady() {
        if (!ready) {
            ready = holds.isEmpty() && caughtUp();
        }
        return ready;
    }

    /**
     * Every processor's stored position has reached the event store's head as it was when the node
     * started. Processors without a stored position (live-only pushes) have nothing to catch up on.
     */
    public boolean caughtUp() {
        Long head = headAtStart;
        if (!caughtUp && head != null) {
            // The event table's first global index is 1: a head of 0 is an empty store.
            caughtUp = head <= 0 || projections.list().stream()
                    .allMatch(status -> status.segments().isEmpty() || status.position() >= head);
        }
        return caughtUp;
    }

    /** For start-up tasks that read the read models: waits until they reflect the stored events. */
    public boolean awaitCaughtUp(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!caughtUp()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
