package dz.zst.domain.reels;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of reels, their likes, comments and views (API.md §7). */
public final class ReelCommands {
    private ReelCommands() {
    }

    /**
     * Publishes a reel promoting a product. Only the product's seller may.
     *
     * @param productSellerId the product's seller, as the catalog knows it
     */
    public record PublishReelCommand(@TargetAggregateIdentifier ReelId reelId, Actor actor, ProductId productId,
                                     UserId productSellerId, ReelVideo video, String caption) {
    }

    /** The reel's owner changes its caption (null or blank removes it). */
    public record ChangeReelCaptionCommand(@TargetAggregateIdentifier ReelId reelId, Actor actor, String caption) {
    }

    /** By the reel's owner or an admin. */
    public record DeleteReelCommand(@TargetAggregateIdentifier ReelId reelId, Actor actor) {
    }

    public record LikeReelCommand(@TargetAggregateIdentifier ReelLikeId likeId, ReelId reelId, UserId userId) {
        public static LikeReelCommand of(ReelId reelId, UserId userId) {
            return new LikeReelCommand(ReelLikeId.of(reelId, userId), reelId, userId);
        }
    }

    public record UnlikeReelCommand(@TargetAggregateIdentifier ReelLikeId likeId, ReelId reelId, UserId userId) {
        public static UnlikeReelCommand of(ReelId reelId, UserId userId) {
            return new UnlikeReelCommand(ReelLikeId.of(reelId, userId), reelId, userId);
        }
    }

    /** @param reelSellerId the reel's seller: besides the author and admins, the one who may delete the comment */
    public record PostReelCommentCommand(@TargetAggregateIdentifier ReelCommentId commentId, ReelId reelId,
                                         UserId reelSellerId, Actor author, String content) {
    }

    public record EditReelCommentCommand(@TargetAggregateIdentifier ReelCommentId commentId, Actor actor,
                                         String content) {
    }

    public record DeleteReelCommentCommand(@TargetAggregateIdentifier ReelCommentId commentId, Actor actor) {
    }

    /** A view to count: sent at most once per viewer and reel per 24 h (the de-duplication is Redis's). */
    public record RecordReelViewCommand(@TargetAggregateIdentifier ReelViewerId viewerId, ReelId reelId,
                                        Viewer viewer) {
        public static RecordReelViewCommand of(ReelId reelId, Viewer viewer) {
            return new RecordReelViewCommand(ReelViewerId.of(reelId, viewer), reelId, viewer);
        }
    }
}
