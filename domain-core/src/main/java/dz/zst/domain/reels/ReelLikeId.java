package dz.zst.domain.reels;

import dz.zst.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of one user's like of one reel, derived from both: the event store holds one stream per
 * (reel, user), so a like counts once per user by construction, on any number of nodes, and the
 * likes of a viral reel never queue behind each other on a single aggregate.
 */
public record ReelLikeId(UUID value) {

    public static ReelLikeId of(ReelId reelId, UserId userId) {
        return new ReelLikeId(UUID.nameUUIDFromBytes(("reel-like/" + reelId + "/" + userId)
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
