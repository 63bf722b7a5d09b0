package dz.zst.domain.reels;

import java.time.Instant;

/** A comment under a reel, with its author's public face. */
public record ReelCommentView(String id, String reelId, String userId, String content, Author user,
                              Instant createdAt, Instant updatedAt) {

    public record Author(String id, String fullName, String avatarUrl) {
    }
}
