package dz.zst.projection.reels;

import static dz.zst.projection.shared.EventColumns.position;
import static dz.zst.projection.shared.EventColumns.utc;

import dz.zst.domain.reels.ReelEvents.ReelCaptionChangedEvent;
import dz.zst.domain.reels.ReelEvents.ReelCommentDeletedEvent;
import dz.zst.domain.reels.ReelEvents.ReelCommentEditedEvent;
import dz.zst.domain.reels.ReelEvents.ReelCommentPostedEvent;
import dz.zst.domain.reels.ReelEvents.ReelDeletedEvent;
import dz.zst.domain.reels.ReelEvents.ReelLikedEvent;
import dz.zst.domain.reels.ReelEvents.ReelPublishedEvent;
import dz.zst.domain.reels.ReelEvents.ReelUnlikedEvent;
import dz.zst.domain.reels.ReelEvents.ReelViewedEvent;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelLikeId;
import dz.zst.domain.reels.ReelSort;
import dz.zst.domain.reels.ReelVideo;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.UserId;
import dz.zst.projection.shared.ReadModelGenerations;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reels read model: reels with their counters and trending score, and the likes, comments and
 * viewers behind the counters. Every row write is guarded by the event's global position, and a
 * counter moves only when such a guarded write really changed a row, so replays and redeliveries
 * never count twice. Counter changes are summed per reel over the processor's batch and written
 * once per reel when the batch commits ({@link ReelCounters}), and so are the like rows: a reel
 * taking a thousand likes a second costs two statements per batch, not two per like.
 */
@Component
@ProcessingGroup(ReelProjection.GROUP)
public class ReelProjection {

    public static final String GROUP = "reels";

    private final JdbcClient jdbc;
    private final ReelCounters counters;
    private final ReadModelGenerations generations;

    public ReelProjection(JdbcClient jdbc, ReelCounters counters, ReadModelGenerations generations) {
        this.jdbc = jdbc;
        this.counters = counters;
        this.generations = generations;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE reels, reel_likes, reel_comments, reel_viewers").update();
        generations.bump(ReadModel.REELS);
    }

    @EventHandler
    void on(ReelPublishedEvent event, @Timestamp Instant at, TrackingToken token) {
        ReelVideo video = event.video();
        jdbc.sql("""
                INSERT INTO reels (id, product_id, seller_id, caption, video_url, video_storage_path, thumbnail_url,
                                   duration_seconds, file_size_bytes, trend_score, created_at, updated_at, position)
                VALUES (:id, :product, :seller, :caption, :url, :path, :thumbnail, :duration, :size, :trend,
                        :at, :at, :position)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", event.reelId().value())
                .param("product", event.productId().value())
                .param("seller", event.sellerId().value())
                .param("caption", event.caption())
                .param("url", video.videoUrl())
                .param("path", video.videoStoragePath())
                .param("thumbnail", video.thumbnailUrl())
                .param("duration", video.durationSeconds())
                .param("size", video.fileSizeBytes())
                .param("trend", ReelSort.logContribution(ReelSort.PUBLISH_WEIGHT, at.getEpochSecond()))
                .param("at", utc(at))
                .param("position", position(token))
                .update();
    }

    @EventHandler
    void on(ReelCaptionChangedEvent event, @Timestamp Instant at, TrackingToken token) {
        Map<String, Object> caption = new HashMap<>();
        caption.put("caption", event.caption());
        changed("reels", "caption = :caption", caption, event.reelId().value(), at, token);
    }

    @EventHandler
    void on(ReelDeletedEvent event, @Timestamp Instant at, TrackingToken token) {
        changed("reels", "deleted = TRUE", Map.of(), event.reelId().value(), at, token);
    }

    @EventHandler
    void on(ReelLikedEvent event, @Timestamp Instant at, TrackingToken token) {
        like(event.likeId(), event.reelId(), event.userId(), true, at, token);
    }

    @EventHandler
    void on(ReelUnlikedEvent event, @Timestamp Instant at, TrackingToken token) {
        like(event.likeId(), event.reelId(), event.userId(), false, at, token);
    }

    /** Queued for the batch's like rows; the reel's count moves by the change of the row's liked flag, if any. */
    private void like(ReelLikeId likeId, ReelId reelId, UserId userId, boolean liked, Instant at,
                      TrackingToken token) {
        counters.like(likeId, reelId, userId, liked, at, position(token));
    }

    @EventHandler
    void on(ReelCommentPostedEvent event, @Timestamp Instant at, TrackingToken token) {
        int inserted = jdbc.sql("""
                        INSERT INTO reel_comments (id, reel_id, user_id, content, created_at, updated_at, position)
                        VALUES (:id, :reel, :user, :content, :at, :at, :position)
                        ON CONFLICT (id) DO NOTHING
                        """)
                .param("id", event.commentId().value())
                .param("reel", event.reelId().value())
                .param("user", event.authorId().value())
                .param("content", event.content())
                .param("at", utc(at))
                .param("position", position(token))
                .update();
        if (inserted == 1) {
            counters.comments(event.reelId(), 1);
            counters.engagement(event.reelId(), ReelSort.COMMENT_WEIGHT, at);
        }
    }

    @EventHandler
    void on(ReelCommentEditedEvent event, @Timestamp Instant at, TrackingToken token) {
        changed("reel_comments", "content = :content", Map.of("content", event.content()),
                event.commentId().value(), at, token);
    }

    @EventHandler
    void on(ReelCommentDeletedEvent event, @Timestamp Instant at, TrackingToken token) {
        if (changed("reel_comments", "deleted = TRUE", Map.of(), event.commentId().value(), at, token)) {
            counters.comments(event.reelId(), -1);
        }
    }

    /**
     * Applies {@code assignments} to row {@code id} of {@code table} unless the row already folded
     * this event (or a later one); answers whether it changed the row.
     */
    private boolean changed(String table, String assignments, Map<String, Object> values, UUID id, Instant at,
                            TrackingToken token) {
        return jdbc.sql("UPDATE " + table + " SET " + assignments + ", updated_at = :at, position = :position "
                        + "WHERE id = :id AND position < :position")
                .params(values)
                .param("at", utc(at))
                .param("position", position(token))
                .param("id", id)
                .update() == 1;
    }

    @EventHandler
    void on(ReelViewedEvent event, @Timestamp Instant at, TrackingToken token) {
        int counted = jdbc.sql("""
                        INSERT INTO reel_viewers (id, reel_id, views, last_viewed_at, position)
                        VALUES (:id, :reel, 1, :at, :position)
                        ON CONFLICT (id) DO UPDATE SET views = reel_viewers.views + 1,
                                                       last_viewed_at = EXCLUDED.last_viewed_at,
                                                       position = EXCLUDED.position
                        WHERE reel_viewers.position < EXCLUDED.position
                        """)
                .param("id", event.viewerId().value())
                .param("reel", event.reelId().value())
                .param("at", utc(at))
                .param("position", position(token))
                .update();
        if (counted == 1) {
            counters.views(event.reelId(), 1);
            counters.engagement(event.reelId(), ReelSort.VIEW_WEIGHT, at);
        }
    }
}
