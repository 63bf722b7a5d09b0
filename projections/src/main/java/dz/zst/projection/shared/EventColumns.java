package dz.zst.projection.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.TrackingToken;

/** Column values every projection derives from the event being folded, never from the clock. */
public final class EventColumns {
    private EventColumns() {
    }

    /** The event's global event-store index: rows keep it to ignore older events and for read-your-writes. */
    public static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("token without position: " + token));
    }

    /** The event's timestamp as a timestamptz parameter (the JDBC driver takes no Instant). */
    public static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
