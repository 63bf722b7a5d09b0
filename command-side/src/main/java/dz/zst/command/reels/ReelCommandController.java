package dz.zst.command.reels;

import com.fasterxml.jackson.annotation.JsonProperty;
import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.catalog.CatalogQueries.FindProductQuery;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.reels.ReelCommands.ChangeReelCaptionCommand;
import dz.zst.domain.reels.ReelCommands.DeleteReelCommand;
import dz.zst.domain.reels.ReelCommands.DeleteReelCommentCommand;
import dz.zst.domain.reels.ReelCommands.EditReelCommentCommand;
import dz.zst.domain.reels.ReelCommands.LikeReelCommand;
import dz.zst.domain.reels.ReelCommands.PostReelCommentCommand;
import dz.zst.domain.reels.ReelCommands.PublishReelCommand;
import dz.zst.domain.reels.ReelCommands.RecordReelViewCommand;
import dz.zst.domain.reels.ReelCommands.UnlikeReelCommand;
import dz.zst.domain.reels.ReelCommentId;
import dz.zst.domain.reels.ReelCommentView;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelQueries.FindReelCommentQuery;
import dz.zst.domain.reels.ReelQueries.FindReelOwnerQuery;
import dz.zst.domain.reels.ReelQueries.FindReelQuery;
import dz.zst.domain.reels.ReelQueries.FindReelStatsAfterWriteQuery;
import dz.zst.domain.reels.ReelQueries.FindReelStatsQuery;
import dz.zst.domain.reels.ReelQueries.ReelOwner;
import dz.zst.domain.reels.ReelStats;
import dz.zst.domain.reels.ReelVideo;
import dz.zst.domain.reels.ReelView;
import dz.zst.domain.reels.Viewer;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reel writes (API.md §7). Each answers once the reels read model reflects it, so the counts in
 * the answer, and in any read after it, include the caller's own like, comment or view.
 */
@RestController
@RequestMapping("/api/v1/reels")
@Tag(name = "Reels")
public class ReelCommandController {

    static final String DEVICE_HEADER = "X-Device-Id";

    public record Removed(String message, String id) {
    }

    /** API.md §7 keeps the earlier backend's camelCase here. */
    public record LikeAnswer(String message, @JsonProperty("reelId") String reelId,
                             @JsonProperty("likesCount") long likesCount) {
    }

    public record ViewAnswer(@JsonProperty("reelId") String reelId, @JsonProperty("viewCount") long viewCount) {
    }

    public record CommentAnswer(String message, ReelCommentView comment,
                                @JsonProperty("commentsCount") long commentsCount) {
    }

    private final ConsistentWrites writes;
    private final ReelViewCounting views;

    public ReelCommandController(ConsistentWrites writes, ReelViewCounting views) {
        this.writes = writes;
        this.views = views;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish a reel for one of your products (sellers)",
            description = "Upload the video first (POST /storage/reels/{productId}/video or a presigned upload), then "
                    + "publish it with the returned url and key. A product you can't see is 404; one you don't own 403.")
    public ReelView publish(@AuthenticationPrincipal Actor actor, @Validated @RequestBody ReelRequests.Publish body) {
        ProductId productId = ProductId.of(body.productId());
        ProductView product = writes.ask(new FindProductQuery(productId, actor), ProductView.class);
        ReelId reelId = ReelId.random();
        writes.send(new PublishReelCommand(reelId, actor, productId, UserId.of(product.sellerId()),
                new ReelVideo(body.videoUrl(), body.videoStoragePath().strip(), body.thumbnailUrl(), body.duration(),
                        body.fileSizeBytes()), body.caption()), reelId.toString(), ReadModel.REELS);
        return writes.ask(new FindReelQuery(reelId, actor), ReelView.class);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change your reel's caption (a blank caption removes it)")
    public ReelView changeCaption(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                  @Validated @RequestBody ReelRequests.Caption body) {
        ReelId reelId = ReelId.of(id);
        writes.send(new ChangeReelCaptionCommand(reelId, actor, body.caption()), id, ReadModel.REELS);
        return writes.ask(new FindReelQuery(reelId, actor), ReelView.class);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a reel (its seller or an admin)")
    public Removed delete(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        ReelId reelId = ReelId.of(id);
        writes.send(new DeleteReelCommand(reelId, actor), id, ReadModel.REELS);
        return new Removed("Reel deleted successfully", reelId.toString());
    }

    @PostMapping("/{id}/like")
    @Operation(summary = "Like a reel; liking twice is 409 (at most 10 like/unlike calls a minute)")
    public LikeAnswer like(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        ReelOwner reel = visibleReel(actor, id);
        LikeReelCommand command = LikeReelCommand.of(reel.reelId(), actor.userId());
        long position = writes.sendAndLocate(command, command.likeId().toString(), ReadModel.REEL_LIKES);
        return new LikeAnswer("Reel liked", reel.reelId().toString(),
                statsAfter(actor, reel.reelId(), position).likesCount());
    }

    @DeleteMapping("/{id}/like")
    @Operation(summary = "Take back your like; unliking a reel you don't like is 409")
    public LikeAnswer unlike(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        ReelOwner reel = visibleReel(actor, id);
        UnlikeReelCommand command = UnlikeReelCommand.of(reel.reelId(), actor.userId());
        long position = writes.sendAndLocate(command, command.likeId().toString(), ReadModel.REEL_LIKES);
        return new LikeAnswer("Reel unliked", reel.reelId().toString(),
                statsAfter(actor, reel.reelId(), position).likesCount());
    }

    @PostMapping("/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Comment on a reel (1–500 characters; at most 5 comments a minute)")
    public CommentAnswer comment(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                 @Validated @RequestBody ReelRequests.Comment body) {
        ReelOwner reel = visibleReel(actor, id);
        ReelCommentId commentId = ReelCommentId.random();
        long position = writes.sendAndLocate(
                new PostReelCommentCommand(commentId, reel.reelId(), reel.sellerId(), actor, body.content()),
                commentId.toString(), ReadModel.REEL_COMMENTS);
        return new CommentAnswer("Comment added", comment(commentId),
                statsAfter(actor, reel.reelId(), position).commentsCount());
    }

    @PatchMapping("/comments/{commentId}")
    @Operation(summary = "Edit your comment")
    public CommentAnswer editComment(@AuthenticationPrincipal Actor actor, @PathVariable("commentId") String id,
                                     @Validated @RequestBody ReelRequests.Comment body) {
        ReelCommentId commentId = ReelCommentId.of(id);
        ReelCommentView before = comment(commentId);
        writes.send(new EditReelCommentCommand(commentId, actor, body.content()), id, ReadModel.REEL_COMMENTS);
        return new CommentAnswer("Comment updated", comment(commentId),
                stats(actor, ReelId.of(before.reelId())).commentsCount());
    }

    @DeleteMapping("/comments/{commentId}")
    @Operation(summary = "Delete a comment (its author, the reel's seller or an admin)")
    public CommentAnswer deleteComment(@AuthenticationPrincipal Actor actor, @PathVariable("commentId") String id) {
        ReelCommentId commentId = ReelCommentId.of(id);
        ReelCommentView comment = comment(commentId);
        writes.send(new DeleteReelCommentCommand(commentId, actor), id, ReadModel.REEL_COMMENTS);
        return new CommentAnswer("Comment deleted", comment, stats(actor, ReelId.of(comment.reelId())).commentsCount());
    }

    @PostMapping("/{id}/view")
    @Operation(summary = "Count a view (guests allowed): once per viewer and reel in 24 h",
            description = "Signed-in viewers count by user; guests by the device id their app sends in the "
                    + "X-Device-Id header or the device_id field, else by their network address.")
    public ViewAnswer view(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                           @Parameter(hidden = true) @RequestHeader(value = DEVICE_HEADER, required = false)
                           String deviceHeader,
                           @Validated @RequestBody(required = false) ReelRequests.View body,
                           HttpServletRequest request) {
        ReelOwner reel = visibleReel(actor, id);
        Viewer viewer = viewer(actor, deviceHeader, body, request);
        if (views.claim(reel.reelId(), viewer)) {
            RecordReelViewCommand command = RecordReelViewCommand.of(reel.reelId(), viewer);
            try {
                writes.send(command, command.viewerId().toString(), ReadModel.REEL_VIEWS);
            } catch (RuntimeException e) {
                views.release(reel.reelId(), viewer);
                throw e;
            }
        }
        return new ViewAnswer(reel.reelId().toString(), stats(actor, reel.reelId()).viewsCount());
    }

    private static Viewer viewer(Actor actor, String deviceHeader, ReelRequests.View body,
                                 HttpServletRequest request) {
        if (actor != null) {
            return Viewer.user(actor.userId());
        }
        boolean inBody = body != null && body.deviceId() != null;
        String device = inBody ? body.deviceId() : deviceHeader;
        if (device != null && !device.isBlank()) {
            // The body's annotation checked the id as sent; this checks either one once stripped.
            device = device.strip();
            if (device.length() < ReelRequests.View.DEVICE_ID_MIN || device.length() > ReelRequests.View.DEVICE_ID_MAX) {
                throw new IllegalArgumentException((inBody ? "device_id" : DEVICE_HEADER) + " must be "
                        + ReelRequests.View.DEVICE_ID_MIN + " to " + ReelRequests.View.DEVICE_ID_MAX + " characters");
            }
            return Viewer.device(device);
        }
        return Viewer.device("address:" + request.getRemoteAddr());
    }

    /** The reel, if the caller may see it (404 otherwise); likes and comments need a signed-in caller. */
    private ReelOwner visibleReel(Actor actor, String id) {
        return writes.ask(new FindReelOwnerQuery(ReelId.of(id), actor), ReelOwner.class);
    }

    private ReelStats stats(Actor actor, ReelId reelId) {
        return writes.ask(new FindReelStatsQuery(reelId, actor), ReelStats.class);
    }

    /** The counters including this request's own write, at {@code position} (its reel found visible before). */
    private ReelStats statsAfter(Actor actor, ReelId reelId, long position) {
        return writes.ask(new FindReelStatsAfterWriteQuery(reelId, actor, position), ReelStats.class);
    }

    private ReelCommentView comment(ReelCommentId commentId) {
        return writes.ask(new FindReelCommentQuery(commentId), ReelCommentView.class);
    }
}
