package dz.zst.domain.b2b;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An offer's full, immutable history as stored in the event store, every bid auditable (API.md §8). */
public record B2BOfferHistory(UUID offerId, List<Entry> events) {

    /** @param actor null when the platform itself caused the event (the automatic end) */
    public record Entry(long sequence, String type, Instant at, Actor actor, Map<String, Object> data) {
    }

    public record Actor(String userId, String role) {
    }
}
