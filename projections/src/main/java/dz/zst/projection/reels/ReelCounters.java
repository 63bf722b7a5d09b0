package dz.zst.projection.reels;

import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelSort;
import dz.zst.domain.shared.ReadModel;
import dz.zst.projection.shared.ReadModelGenerations;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reels' counters and trending scores, changed in sums: the changes of a processor batch are
 * added up per reel and written once per reel just before the batch's transaction commits, in the
 * same transaction as the rows that caused them. Reels are written in id order, so two batches
 * touching the same reels can never deadlock.
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

    private final JdbcClient jdbc;
    private final ReadModelGenerations generations;

    public ReelCounters(JdbcClient jdbc, ReadModelGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    void likes(ReelId reelId, long delta) {
        change(reelId).likes += delta;
    }

    void comments(ReelId reelId, long delta) {
        change(reelId).comments += delta;
    }

    void views(ReelId reelId, long delta) {
        change(reelId).views += delta;
    }

    /** Adds an engagement of {@code weight} at {@code at} to the reel's decayed score. */
    void engagement(ReelId reelId, double weight, Instant at) {
        Change change = change(reelId);
        change.trend = ReelSort.logSum(change.trend, ReelSort.logContribution(weight, at.getEpochSecond()));
    }

    private Change change(ReelId reelId) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("reel counters change only while a batch of events is handled");
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<ReelId, Change> changes = batch.getOrComputeResource(RESOURCE, key -> {
            Map<ReelId, Change> created = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
            batch.onPrepareCommit(unitOfWork -> write(created));
            return created;
        });
        return changes.computeIfAbsent(reelId, id -> new Change());
    }

    private void write(Map<ReelId, Change> changes) {
        changes.forEach((reelId, change) -> {
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
                            """)
                    .param("likes", change.likes)
                    .param("comments", change.comments)
                    .param("views", change.views)
                    .param("engaged", engaged)
                    .param("trend", engaged ? change.trend : 0.0)
                    .param("id", reelId.value())
                    .update();
        });
        generations.bumpAfterCommit(ReadModel.REELS);
    }
}
