package dz.zst.projection.reels;

import dz.zst.domain.reels.ReelCountersCommitted;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelLikeId;
import dz.zst.domain.reels.ReelSort;
import dz.zst.domain.reels.ReelStats;
import dz.zst.domain.shared.UserId;
import dz.zst.projection.shared.BatchedWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reels' counters and trending scores, changed in sums, and the like rows behind the like
 * counts, written in one statement: the changes of a processor batch are added up per reel and
 * written once per reel just before the batch's transaction commits, in the same transaction as
 * the rows that caused them. Reels are written in id order, so two batches touching the same reels
 * can never deadlock ({@link BatchedWrites}: in a batch applied event by event after a failure, after
 * each event). Once committed, the new counters are announced on this node
 * ({@link ReelCountersCommitted}).
 */
@Component
public class ReelCounters {

    private static final String RESOURCE = ReelCounters.class.getName();

    /** The changes to one reel's row within the current batch. */
    private static final class Change {
        long likes;
        long comments;
        long views;
        double trend = Double.NEGATIVE_INFINITY;
    }

    /** One like or unlike event, queued until the batch writes its like rows. */
    private record LikeEvent(ReelLikeId likeId, ReelId reelId, UserId userId, boolean liked, Instant at,
                             long position) {
    }

    /** A like row as it was before the batch wrote it. */
    private record Before(boolean liked, long position) {
    }

    /** What one processor batch changes. */
    private static final class Batch {
        final Map<ReelId, Change> changes = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        /** Each like stream's events of the batch, in the order they were folded. */
        final Map<ReelLikeId, List<LikeEvent>> likes = new LinkedHashMap<>();
        TrackingToken newest;

        Change change(ReelId reelId) {
            return changes.computeIfAbsent(reelId, id -> new Change());
        }
    }

    private final JdbcClient jdbc;
    private final ObjectProvider<ReelCountersCommitted> listeners;

    public ReelCounters(JdbcClient jdbc, ObjectProvider<ReelCountersCommitted> listeners) {
        this.jdbc = jdbc;
        this.listeners = listeners;
    }

    /**
     * Queues a like or unlike for the batch's like-row write, which moves the reel's like count by
     * the change of the row's liked flag, if any, and counts each new like in the trending score.
     */
    void like(ReelLikeId likeId, ReelId reelId, UserId userId, boolean liked, Instant at, long position) {
        batch().likes.computeIfAbsent(likeId, id -> new ArrayList<>(1))
                .add(new LikeEvent(likeId, reelId, userId, liked, at, position));
    }

    void comments(ReelId reelId, long delta) {
        batch().change(reelId).comments += delta;
    }

    void views(ReelId reelId, long delta) {
        batch().change(reelId).views += delta;
    }

    /** Adds an engagement of {@code weight} at {@code at} to the reel's decayed score. */
    void engagement(ReelId reelId, double weight, Instant at) {
        engage(batch().change(reelId), weight, at);
    }

    private static void engage(Change change, double weight, Instant at) {
        change.trend = ReelSort.logSum(change.trend, ReelSort.logContribution(weight, at.getEpochSecond()));
    }

    /** The current batch's changes, noting the token of the event being folded as the batch's newest. */
    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("reel counters change only while a batch of events is handled");
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        Batch batch = BatchedWrites.gathered(RESOURCE, Batch::new, this::write);
        if (current.getMessage() instanceof TrackedEventMessage<?> tracked) {
            batch.newest = tracked.trackingToken();
        }
        return batch;
    }

    private void write(UnitOfWork<?> unitOfWork, Batch batch) {
        writeLikes(batch);
        if (batch.changes.isEmpty()) {
            return;
        }
        List<ReelStats> committed = new ArrayList<>(batch.changes.size());
        batch.changes.forEach((reelId, change) -> {
            boolean engaged = change.trend != Double.NEGATIVE_INFINITY;
            jdbc.sql("""
                            UPDATE reels SET likes_count = likes_count + :likes,
                                             comments_count = comments_count + :comments,
                                             views_count = views_count + :views,
                                             trend_score = CASE WHEN :engaged
                                                 THEN greatest(trend_score, :trend) + ln(1 + power(2.0::float8,
                                                      least(trend_score, :trend) - greatest(trend_score, :trend))) / ln(2)
                                                 ELSE trend_score END
                            WHERE id = :id
                            RETURNING likes_count, comments_count, views_count
                            """)
                    .param("likes", change.likes)
                    .param("comments", change.comments)
                    .param("views", change.views)
                    .param("engaged", engaged)
                    .param("trend", engaged ? change.trend : 0.0)
                    .param("id", reelId.value())
                    .query((rs, row) -> new ReelStats(reelId.toString(), rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                    .optional().ifPresent(committed::add);
        });
        TrackingToken newest = batch.newest;
        if (!committed.isEmpty() && newest != null) {
            // Registered now, after the announcement of the batch's positions (FoldedEvents, at its
            // first event): Axon runs after-commit handlers newest first, so a writer woken by
            // that announcement already finds these counters.
            unitOfWork.afterCommit(u -> listeners.orderedStream().forEach(l -> l.committed(committed, newest)));
        }
    }

    /**
     * Writes the batch's like rows in one statement, each row once with its stream's newest event
     * of the batch, unless the row already holds a later one (redelivery, replay). The counts move
     * by replaying each stream's events on the row as it was: an event the row had already folded
     * changes nothing, and each change of the liked flag moves the reel's count by one.
     */
    private void writeLikes(Batch batch) {
        if (batch.likes.isEmpty()) {
            return;
        }
        int size = batch.likes.size();
        UUID[] ids = new UUID[size];
        UUID[] reels = new UUID[size];
        UUID[] users = new UUID[size];
        Boolean[] liked = new Boolean[size];
        String[] at = new String[size];
        Long[] positions = new Long[size];
        int i = 0;
        for (List<LikeEvent> events : batch.likes.values()) {
            // A batch hands over events in stream order; sorted anyway, as the rows' guard assumes.
            events.sort(Comparator.comparingLong(LikeEvent::position));
            LikeEvent last = events.get(events.size() - 1);
            ids[i] = last.likeId().value();
            reels[i] = last.reelId().value();
            users[i] = last.userId().value();
            liked[i] = last.liked();
            at[i] = last.at().toString();
            positions[i] = last.position();
            i++;
        }
        Map<UUID, Before> before = new HashMap<>(size * 2);
        jdbc.sql("""
                        WITH input AS (
                            SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::boolean[], ?::timestamptz[], ?::bigint[])
                                AS t (id, reel_id, user_id, liked, liked_at, position)
                        ), previous AS (
                            SELECT l.id, l.liked, l.position FROM reel_likes l JOIN input USING (id)
                        ), written AS (
                            INSERT INTO reel_likes (id, reel_id, user_id, liked, liked_at, position)
                            SELECT id, reel_id, user_id, liked, liked_at, position FROM input
                            ON CONFLICT (id) DO UPDATE SET liked = EXCLUDED.liked, liked_at = EXCLUDED.liked_at,
                                                           position = EXCLUDED.position
                            WHERE reel_likes.position < EXCLUDED.position
                        )
                        SELECT id, liked, position FROM previous
                        """)
                .params(ids, reels, users, liked, at, positions)
                .query((rs, row) -> before.put(rs.getObject(1, UUID.class), new Before(rs.getBoolean(2), rs.getLong(3))))
                .list();
        batch.likes.forEach((likeId, events) -> {
            Before row = before.getOrDefault(likeId.value(), new Before(false, -1));
            boolean state = row.liked();
            for (LikeEvent event : events) {
                if (event.position() <= row.position() || event.liked() == state) {
                    continue;
                }
                state = event.liked();
                Change change = batch.change(event.reelId());
                change.likes += state ? 1 : -1;
                if (state) {
                    engage(change, ReelSort.LIKE_WEIGHT, event.at());
                }
            }
        });
    }
}
