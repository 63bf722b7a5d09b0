package dz.zst.projection.shared;

import dz.zst.domain.shared.EventPositions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.TrackingToken;

/** Column values every projection derives from the event being folded, never from the clock. */
public final class EventColumns {
    private EventColumns() {
    }

    /**
     * The event's own global event-store index ({@link EventPositions}): rows keep it to ignore
     * older events and for read-your-writes, and a replay stores the same value.
     */
    public static long position(TrackingToken token) {
        return EventPositions.current(token);
    }

    /** The event's timestamp as a timestamptz parameter (the JDBC driver takes no Instant). */
    public static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
