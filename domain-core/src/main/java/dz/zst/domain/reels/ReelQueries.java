package dz.zst.domain.reels;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.UserId;

/**
 * Queries over reels (API.md §7). A deleted or unknown reel, or one whose product the viewer may
 * not see (API.md §3), is a NotFoundException (404).
 */
public final class ReelQueries {
    private ReelQueries() {
    }

    /** A reel's live counters, if {@code viewer} (null for a guest) may see the reel. Answers {@link ReelStats}. */
    public record FindReelStatsQuery(ReelId reelId, Actor viewer) {
    }

    /**
     * A reel's live counters for the answer of a write the reel just took, including that write:
     * the event at {@code position} (the write's own, as ConsistentWrites located it; -1 when
     * unknown). Only asked once the write has found the reel visible to {@code viewer}, so the
     * counters may be answered without checking again. Answers {@link ReelStats}.
     */
    public record FindReelStatsAfterWriteQuery(ReelId reelId, Actor viewer, long position) {
    }

    /** @param viewer null for a guest. Answers a {@link ReelView}. */
    public record FindReelQuery(ReelId reelId, Actor viewer) {
    }

    /** @param productId, sellerId optional filters. Answers a {@link ReelPage}. */
    public record ListReelsQuery(ProductId productId, UserId sellerId, ReelSort sort, Actor viewer,
                                 PageRequest page) {
    }

    /** Newest first. Answers a {@link ReelCommentPage}. */
    public record ListReelCommentsQuery(ReelId reelId, Actor viewer, PageRequest page) {
    }

    /** Answers a {@link ReelCommentView}; comments of deleted reels are gone too. */
    public record FindReelCommentQuery(ReelCommentId commentId) {
    }

    /** Newest first. Answers a {@link ReelLikePage}. */
    public record ListReelLikesQuery(ReelId reelId, Actor viewer, PageRequest page) {
    }

    /**
     * A reel's identity for writes around it (likes, comments, views): who owns it. Answers a
     * {@link ReelOwner}; hidden reels are not found, as in reads.
     */
    public record FindReelOwnerQuery(ReelId reelId, Actor viewer) {
    }

    public record ReelOwner(ReelId reelId, UserId sellerId) {
    }

    public record ReelPage(PagedResult<ReelView> page) {
    }

    public record ReelCommentPage(PagedResult<ReelCommentView> page) {
    }

    public record ReelLikePage(PagedResult<ReelLikeView> page) {
    }
}
