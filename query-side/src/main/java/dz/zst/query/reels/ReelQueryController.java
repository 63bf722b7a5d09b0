package dz.zst.query.reels;

import dz.zst.domain.reels.ReelCommentView;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelLikeView;
import dz.zst.domain.reels.ReelQueries.FindReelQuery;
import dz.zst.domain.reels.ReelQueries.ListReelCommentsQuery;
import dz.zst.domain.reels.ReelQueries.ListReelLikesQuery;
import dz.zst.domain.reels.ReelQueries.ListReelsQuery;
import dz.zst.domain.reels.ReelQueries.ReelCommentPage;
import dz.zst.domain.reels.ReelQueries.ReelLikePage;
import dz.zst.domain.reels.ReelQueries.ReelPage;
import dz.zst.domain.reels.ReelSort;
import dz.zst.domain.reels.ReelView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.UserId;
import dz.zst.query.shared.Reads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reel reads (API.md §7), straight from the read model: counters change every second on a popular
 * reel, so nothing here is cached, and a like's or comment's writer always reads its own write.
 */
@RestController
@RequestMapping("/api/v1/reels")
@Tag(name = "Reels")
public class ReelQueryController {

    /** API.md §7: the reel feed pages by at most 50. */
    static final int MAX_REELS_PER_PAGE = 50;

    private final Reads reads;

    public ReelQueryController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping
    @Operation(summary = "The reel feed (guests allowed): recent first, or trending",
            description = "trending ranks by likes (weight 3), comments (5) and counted views (1), each halving "
                    + "every 24 hours after it happened, plus the publication itself (10). Only reels whose product "
                    + "the caller may see are listed.")
    public PagedResult<ReelView> list(@AuthenticationPrincipal Actor viewer,
                                      @RequestParam(name = "page", defaultValue = "1") int page,
                                      @RequestParam(name = "limit", defaultValue = "20") int limit,
                                      @RequestParam(name = "product_id", required = false) String productId,
                                      @RequestParam(name = "seller_id", required = false) String sellerId,
                                      @Parameter(description = "recent (default) or trending")
                                      @RequestParam(name = "sort", required = false) String sort) {
        if (limit > MAX_REELS_PER_PAGE) {
            throw new IllegalArgumentException("limit must not be greater than " + MAX_REELS_PER_PAGE);
        }
        ListReelsQuery query = new ListReelsQuery(
                productId == null ? null : new ProductId(Ids.parseArgument(productId, "product_id")),
                sellerId == null ? null : new UserId(Ids.parseArgument(sellerId, "seller_id")),
                ReelSort.fromWire(sort), viewer, new PageRequest(page, limit));
        return reads.ask(query, ReelPage.class).page();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One reel (guests allowed); is_liked for a signed-in caller")
    public ReelView one(@AuthenticationPrincipal Actor viewer, @PathVariable("id") String id) {
        return reads.ask(new FindReelQuery(ReelId.of(id), viewer), ReelView.class);
    }

    @GetMapping("/{id}/comments")
    @Operation(summary = "A reel's comments, newest first (guests allowed)")
    public PagedResult<ReelCommentView> comments(@AuthenticationPrincipal Actor viewer, @PathVariable("id") String id,
                                                 @RequestParam(name = "page", defaultValue = "1") int page,
                                                 @RequestParam(name = "limit", defaultValue = "20") int limit) {
        return reads.ask(new ListReelCommentsQuery(ReelId.of(id), viewer, PageRequest.of(page, limit)),
                ReelCommentPage.class).page();
    }

    @GetMapping("/{id}/likes")
    @Operation(summary = "Who liked a reel, newest first (signed-in callers)")
    public PagedResult<ReelLikeView> likes(@AuthenticationPrincipal Actor viewer, @PathVariable("id") String id,
                                           @RequestParam(name = "page", defaultValue = "1") int page,
                                           @RequestParam(name = "limit", defaultValue = "20") int limit) {
        if (viewer == null) {
            throw new AuthenticationCredentialsNotFoundException("Unauthorized");
        }
        return reads.ask(new ListReelLikesQuery(ReelId.of(id), viewer, PageRequest.of(page, limit)),
                ReelLikePage.class).page();
    }
}
