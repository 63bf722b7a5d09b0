package dz.zst.domain.shared;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * An event's own global index in the event store: what read-model rows store as their position,
 * what a group announces it folded and what writers and pushes await. Always the event's own
 * index, never the reader's progress, so that live and replayed folds, and every group, agree.
 *
 * <p>Why not the tracking token's position: a token is the reader's progress, and for an event that
 * committed after a later one (a gap the reader came back to) it is that later event's index. A
 * replay, reading with no gap left, gives the event its own index, so rows did not rebuild the
 * same, and one group's announcement could fall short of what another group's push awaited. The
 * app's event stream adds the own index to each event's metadata as it reads ({@code
 * OwnEventPositions}); it is never stored with the event.
 */
public final class EventPositions {

    /** Metadata key of the event's own global index, added on reading the stream. */
    public static final String KEY = "zst.position";

    private EventPositions() {
    }

    /** The event's own index; for an event that did not come through the stream, its token's position, else -1. */
    public static long of(EventMessage<?> event) {
        if (event.getMetaData().get(KEY) instanceof Number own) {
            return own.longValue();
        }
        return event instanceof TrackedEventMessage<?> tracked ? tracked.trackingToken().position().orElse(-1) : -1;
    }

    /**
     * The own index of the event being handled, whose token is {@code token}: read from the unit of
     * work's message (a batch's current one). The token answers only for an event that did not come
     * through the stream, such as a test's hand-made redelivery, whose token is the event's own index.
     */
    public static long current(TrackingToken token) {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage().getMetaData().get(KEY) instanceof Number own) {
            return own.longValue();
        }
        return token.position().orElseThrow(() -> new IllegalStateException("token without position: " + token));
    }
}
