package dz.zst.projection.shared;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/** Whether the event being handled is replayed (a projection's rows rebuilt after a reset). */
public final class Replays {

    private Replays() {
    }

    /**
     * From the unit of work's message, not from a handler's {@code TrackingToken} parameter: Axon
     * (4.13.0) hands handlers the token unwrapped from its ReplayToken, so that one never says.
     */
    public static boolean replaying() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?> tracked
                && ReplayToken.isReplay(tracked.trackingToken());
    }
}
