package dz.zst.query.reels;

import dz.zst.domain.reels.ReelCommentView;
import dz.zst.domain.reels.ReelLikeView;
import dz.zst.domain.reels.ReelQueries.FindReelCommentQuery;
import dz.zst.domain.reels.ReelQueries.FindReelOwnerQuery;
import dz.zst.domain.reels.ReelQueries.FindReelQuery;
import dz.zst.domain.reels.ReelQueries.FindReelStatsAfterWriteQuery;
import dz.zst.domain.reels.ReelQueries.FindReelStatsQuery;
import dz.zst.domain.reels.ReelQueries.ListReelCommentsQuery;
import dz.zst.domain.reels.ReelQueries.ListReelLikesQuery;
import dz.zst.domain.reels.ReelQueries.ListReelsQuery;
import dz.zst.domain.reels.ReelQueries.ReelCommentPage;
import dz.zst.domain.reels.ReelQueries.ReelLikePage;
import dz.zst.domain.reels.ReelQueries.ReelOwner;
import dz.zst.domain.reels.ReelQueries.ReelPage;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelSort;
import dz.zst.domain.reels.ReelStats;
import dz.zst.domain.reels.ReelView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.domain.shared.UserId;
import dz.zst.query.catalog.ProductQueryHandler;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers reel queries from the reels read model joined with the products and users read models.
 * A reel is shown only while neither it nor its product is deleted, and only to those who may see
 * its product (API.md §3): a reel must not advertise a wholesale lot to the public.
 */
@Component
public class ReelQueryHandler {

    private static final String FROM = """
             \sFROM reels r JOIN products p ON p.id = r.product_id LEFT JOIN users u ON u.id = r.seller_id
             WHERE NOT r.deleted AND NOT p.deleted""";

    private final JdbcClient jdbc;
    private final FoldedReelCounters folded;

    public ReelQueryHandler(JdbcClient jdbc, FoldedReelCounters folded) {
        this.jdbc = jdbc;
        this.folded = folded;
    }

    /** The counters as this node last folded them if they include the write, else as the row holds them. */
    @QueryHandler
    public ReelStats handle(FindReelStatsAfterWriteQuery query) {
        return folded.including(query.reelId(), query.position())
                .orElseGet(() -> handle(new FindReelStatsQuery(query.reelId(), query.viewer())));
    }

    @QueryHandler
    public ReelStats handle(FindReelStatsQuery query) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", query.reelId().value());
        return jdbc.sql("SELECT r.likes_count, r.comments_count, r.views_count" + FROM
                        + visibleTo(query.viewer(), params) + " AND r.id = :id")
                .params(params)
                .query(stats(query.reelId()))
                .optional().orElseThrow(ReelQueryHandler::reelNotFound);
    }

    /**
     * The counters of a reel, whoever asks, including the event at {@code position}: for pushes to
     * a reel's room, whose members were checked when they joined it. Taken from what this node's
     * reels processor last committed when that includes the event, else from the row.
     */
    public ReelStats counters(ReelId reelId, long position) {
        return folded.including(reelId, position).orElseGet(() -> counters(reelId));
    }

    /** The counters of a reel that is not deleted, as its row holds them (see {@link #counters(ReelId, long)}). */
    public ReelStats counters(ReelId reelId) {
        return jdbc.sql("SELECT likes_count, comments_count, views_count FROM reels WHERE id = :id AND NOT deleted")
                .param("id", reelId.value())
                .query(stats(reelId))
                .optional().orElseThrow(ReelQueryHandler::reelNotFound);
    }

    /** Reads (likes, comments, views) in that column order. */
    private static RowMapper<ReelStats> stats(ReelId reelId) {
        return (rs, row) -> new ReelStats(reelId.toString(), rs.getLong(1), rs.getLong(2), rs.getLong(3));
    }

    @QueryHandler
    public ReelView handle(FindReelQuery query) {
        Map<String, Object> params = new HashMap<>();
        String sql = select(query.viewer(), params) + FROM + visibleTo(query.viewer(), params) + " AND r.id = :id";
        params.put("id", query.reelId().value());
        return jdbc.sql(sql).params(params).query(new ReelRows(query.viewer() != null)).optional()
                .orElseThrow(ReelQueryHandler::reelNotFound);
    }

    @QueryHandler
    public ReelOwner handle(FindReelOwnerQuery query) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", query.reelId().value());
        return jdbc.sql("SELECT r.seller_id" + FROM + visibleTo(query.viewer(), params) + " AND r.id = :id")
                .params(params)
                .query((rs, row) -> new ReelOwner(query.reelId(), UserId.of(rs.getString(1))))
                .optional().orElseThrow(ReelQueryHandler::reelNotFound);
    }

    @QueryHandler
    public ReelPage handle(ListReelsQuery query) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(FROM).append(visibleTo(query.viewer(), params));
        if (query.productId() != null) {
            where.append(" AND r.product_id = :product");
            params.put("product", query.productId().value());
        }
        if (query.sellerId() != null) {
            where.append(" AND r.seller_id = :seller");
            params.put("seller", query.sellerId().value());
        }
        PageRequest page = query.page();
        long total = jdbc.sql("SELECT count(*)" + where).params(params).query(Long.class).single();
        String order = query.sort() == ReelSort.TRENDING ? " ORDER BY r.trend_score DESC, r.id DESC"
                : " ORDER BY r.created_at DESC, r.id DESC";
        List<ReelView> reels = total <= page.offset() ? List.of()
                : jdbc.sql(select(query.viewer(), params) + where + order + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", page.limit()).param("offset", page.offset())
                .query(new ReelRows(query.viewer() != null)).list();
        return new ReelPage(PagedResult.of(reels, page, total));
    }

    @QueryHandler
    public ReelCommentPage handle(ListReelCommentsQuery query) {
        requireVisible(query.reelId(), query.viewer());
        PageRequest page = query.page();
        long total = jdbc.sql("SELECT count(*) FROM reel_comments WHERE reel_id = :reel AND NOT deleted")
                .param("reel", query.reelId().value()).query(Long.class).single();
        List<ReelCommentView> comments = total <= page.offset() ? List.of()
                : jdbc.sql(COMMENT_COLUMNS + " WHERE c.reel_id = :reel AND NOT c.deleted "
                        + "ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset")
                .param("reel", query.reelId().value()).param("limit", page.limit()).param("offset", page.offset())
                .query((rs, row) -> comment(rs)).list();
        return new ReelCommentPage(PagedResult.of(comments, page, total));
    }

    @QueryHandler
    public ReelCommentView handle(FindReelCommentQuery query) {
        return jdbc.sql(COMMENT_COLUMNS + " JOIN reels r ON r.id = c.reel_id "
                        + "WHERE c.id = :id AND NOT c.deleted AND NOT r.deleted")
                .param("id", query.commentId().value())
                .query((rs, row) -> comment(rs)).optional()
                .orElseThrow(() -> new NotFoundException("Comment not found"));
    }

    @QueryHandler
    public ReelLikePage handle(ListReelLikesQuery query) {
        requireVisible(query.reelId(), query.viewer());
        PageRequest page = query.page();
        long total = jdbc.sql("SELECT count(*) FROM reel_likes WHERE reel_id = :reel AND liked")
                .param("reel", query.reelId().value()).query(Long.class).single();
        List<ReelLikeView> likes = total <= page.offset() ? List.of()
                : jdbc.sql("""
                        SELECT l.user_id, u.full_name, u.avatar_url, l.liked_at
                        FROM reel_likes l LEFT JOIN users u ON u.id = l.user_id
                        WHERE l.reel_id = :reel AND l.liked
                        ORDER BY l.liked_at DESC, l.id DESC LIMIT :limit OFFSET :offset""")
                .param("reel", query.reelId().value()).param("limit", page.limit()).param("offset", page.offset())
                .query((rs, row) -> new ReelLikeView(new ReelCommentView.Author(rs.getString(1), rs.getString(2),
                        rs.getString(3)), rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
        return new ReelLikePage(PagedResult.of(likes, page, total));
    }

    private static final String COMMENT_COLUMNS = """
            SELECT c.id, c.reel_id, c.user_id, c.content, c.created_at, c.updated_at, u.full_name, u.avatar_url
            FROM reel_comments c LEFT JOIN users u ON u.id = c.user_id""";

    private static ReelCommentView comment(java.sql.ResultSet rs) throws java.sql.SQLException {
        String userId = rs.getString("user_id");
        return new ReelCommentView(rs.getString("id"), rs.getString("reel_id"), userId, rs.getString("content"),
                new ReelCommentView.Author(userId, rs.getString("full_name"), rs.getString("avatar_url")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private void requireVisible(ReelId reelId, Actor viewer) {
        handle(new FindReelOwnerQuery(reelId, viewer));
    }

    /** " AND …" restricting reels to those whose product {@code viewer} may see, or "" for admins. */
    private static String visibleTo(Actor viewer, Map<String, Object> params) {
        String condition = ProductQueryHandler.visibleTo(viewer, params);
        return condition == null ? "" : " AND " + condition;
    }

    /** The columns {@link ReelRows} reads; for a signed-in viewer, whether they like the reel. */
    private static String select(Actor viewer, Map<String, Object> params) {
        String liked = "";
        if (viewer != null) {
            params.put("liker", viewer.userId().value());
            liked = ", EXISTS (SELECT 1 FROM reel_likes l WHERE l.reel_id = r.id AND l.user_id = :liker AND l.liked)"
                    + " AS is_liked";
        }
        return """
                SELECT r.id, r.product_id, r.seller_id, r.caption, r.video_url, r.video_storage_path, r.thumbnail_url,
                       r.duration_seconds, r.file_size_bytes, r.likes_count, r.comments_count, r.views_count,
                       r.created_at, p.name AS product_name, p.price AS product_price,
                       p.images -> 0 ->> 'imageUrl' AS product_image, p.slug AS product_slug,
                       u.full_name AS seller_name, u.avatar_url AS seller_avatar, u.seller_category AS seller_tier,
                       u.wilaya AS seller_wilaya, u.is_verified AS seller_verified""" + liked;
    }

    private static NotFoundException reelNotFound() {
        return new NotFoundException("Reel not found");
    }
}
