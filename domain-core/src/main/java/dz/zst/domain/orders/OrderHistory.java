package dz.zst.domain.orders;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An order's full, immutable history as stored in the event store (API.md §6 audit). */
public record OrderHistory(UUID orderId, List<Entry> events) {

    /** @param actor null when the event was caused by a guest (or by the platform itself) */
    public record Entry(long sequence, String type, Instant at, Actor actor, Map<String, Object> data) {
    }

    public record Actor(String userId, String role) {
    }
}
