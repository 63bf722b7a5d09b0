package dz.zst.domain.reels;

import java.time.Instant;

/** Who liked a reel, and when. */
public record ReelLikeView(ReelCommentView.Author user, Instant createdAt) {
}
