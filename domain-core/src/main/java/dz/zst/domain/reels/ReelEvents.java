package dz.zst.domain.reels;

import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.UserId;
import org.axonframework.serialization.Revision;

/**
 * Events of reels and of the likes, comments and views around them. Facts forever: change only
 * through upcasters. Each names its reel, so the reels read model can fold a reel's events in order.
 */
public final class ReelEvents {
    private ReelEvents() {
    }

    @Revision("1")
    public record ReelPublishedEvent(ReelId reelId, ProductId productId, UserId sellerId, ReelVideo video,
                                     String caption) implements ReelScoped {
    }

    @Revision("1")
    public record ReelCaptionChangedEvent(ReelId reelId, String caption) implements ReelScoped {
    }

    @Revision("1")
    public record ReelDeletedEvent(ReelId reelId, UserId deletedBy) implements ReelScoped {
    }

    @Revision("1")
    public record ReelLikedEvent(ReelLikeId likeId, ReelId reelId, UserId userId) implements ReelScoped {
    }

    @Revision("1")
    public record ReelUnlikedEvent(ReelLikeId likeId, ReelId reelId, UserId userId) implements ReelScoped {
    }

    /** @param reelSellerId who, besides the author and admins, may delete the comment */
    @Revision("1")
    public record ReelCommentPostedEvent(ReelCommentId commentId, ReelId reelId, UserId reelSellerId,
                                         UserId authorId, String content) implements ReelScoped {
    }

    @Revision("1")
    public record ReelCommentEditedEvent(ReelCommentId commentId, ReelId reelId, String content)
            implements ReelScoped {
    }

    @Revision("1")
    public record ReelCommentDeletedEvent(ReelCommentId commentId, ReelId reelId, UserId deletedBy)
            implements ReelScoped {
    }

    /** One counted view: the viewer had not been counted on this reel in the 24 h before. */
    @Revision("1")
    public record ReelViewedEvent(ReelViewerId viewerId, ReelId reelId, Viewer viewer) implements ReelScoped {
    }
}
