package dz.zst.query.pushes;

import dz.zst.domain.reels.ReelEvents.ReelCommentDeletedEvent;
import dz.zst.domain.reels.ReelEvents.ReelCommentPostedEvent;
import dz.zst.domain.reels.ReelEvents.ReelLikedEvent;
import dz.zst.domain.reels.ReelEvents.ReelUnlikedEvent;
import dz.zst.domain.reels.ReelEvents.ReelViewedEvent;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelQueries.FindReelCommentQuery;
import dz.zst.domain.reels.ReelStats;
import dz.zst.domain.shared.EventPositions;
import dz.zst.domain.shared.AwaitReadModelQuery;
import dz.zst.domain.shared.ReadModel;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.Rooms;
import dz.zst.query.reels.ReelQueryHandler;
import dz.zst.query.shared.ReadYourWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reel pushes to {@code reel:{id}} (API.md §11), fed by reel events. Each carries the counts as the
 * reels read model holds them once it has folded the event, so a like's push and the like's HTTP
 * answer show the same count. Views are pushed at most once a second per reel, the last view of a
 * burst included.
 */
@Component
@ProcessingGroup(LivePushes.REEL_PUSHES)
@DisallowReplay
public class ReelPushes implements DisposableBean {

    private static final Duration VIEW_INTERVAL = Duration.ofSeconds(1);

    private final RealtimeBroadcaster broadcaster;
    private final ReelQueryHandler reels;
    private final ReadYourWrites readModels;
    private final Map<ReelId, Long> lastViewPush = new ConcurrentHashMap<>();
    private final Map<ReelId, Boolean> viewPushScheduled = new ConcurrentHashMap<>();
    private final ScheduledExecutorService viewTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "reel-view-pushes");
        thread.setDaemon(true);
        return thread;
    });

    public ReelPushes(RealtimeBroadcaster broadcaster, ReelQueryHandler reels, ReadYourWrites readModels) {
        this.broadcaster = broadcaster;
        this.reels = reels;
        this.readModels = readModels;
    }

    @EventHandler
    void on(ReelLikedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        liked("reel:liked", event.reelId(), event.userId().toString(), event.likeId().toString(), at, token);
    }

    @EventHandler
    void on(ReelUnlikedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        liked("reel:unliked", event.reelId(), event.userId().toString(), event.likeId().toString(), at, token);
    }

    private void liked(String name, ReelId reelId, String userId, String likeId, Instant at, TrackingToken token)
            throws InterruptedException {
        folded(ReadModel.REEL_LIKES, likeId, token);
        Map<String, Object> payload = payload(reelId);
        payload.put("userId", userId);
        payload.put("likesCount", stats(reelId, token).likesCount());
        payload.put("timestamp", at.toString());
        broadcaster.emit(List.of(Rooms.reel(reelId)), name, payload);
    }

    @EventHandler
    void on(ReelCommentPostedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        folded(ReadModel.REEL_COMMENTS, event.commentId().toString(), token);
        Map<String, Object> payload = payload(event.reelId());
        payload.put("comment", reels.handle(new FindReelCommentQuery(event.commentId())));
        payload.put("commentsCount", stats(event.reelId(), token).commentsCount());
        payload.put("timestamp", at.toString());
        broadcaster.emit(List.of(Rooms.reel(event.reelId())), "reel:commented", payload);
    }

    @EventHandler
    void on(ReelCommentDeletedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        folded(ReadModel.REEL_COMMENTS, event.commentId().toString(), token);
        Map<String, Object> payload = payload(event.reelId());
        payload.put("commentId", event.commentId().toString());
        payload.put("commentsCount", stats(event.reelId(), token).commentsCount());
        payload.put("timestamp", at.toString());
        broadcaster.emit(List.of(Rooms.reel(event.reelId())), "reel:comment-deleted", payload);
    }

    /**
     * Pushes the reel's view count now if the last push is a second old, else once that second is
     * over (one pending push per reel, which reads the count when it runs).
     */
    @EventHandler
    void on(ReelViewedEvent event, TrackingToken token) throws InterruptedException {
        folded(ReadModel.REEL_VIEWS, event.viewerId().toString(), token);
        ReelId reelId = event.reelId();
        long now = System.nanoTime();
        Long last = lastViewPush.get(reelId);
        if (last == null || now - last >= VIEW_INTERVAL.toNanos()) {
            pushViews(reelId);
        } else if (viewPushScheduled.putIfAbsent(reelId, Boolean.TRUE) == null) {
            viewTimer.schedule(() -> {
                viewPushScheduled.remove(reelId);
                pushViews(reelId);
            }, VIEW_INTERVAL.toNanos() - (now - last), TimeUnit.NANOSECONDS);
        }
    }

    private void pushViews(ReelId reelId) {
        lastViewPush.put(reelId, System.nanoTime());
        if (lastViewPush.size() > 100_000) {
            lastViewPush.clear();
        }
        Map<String, Object> payload = payload(reelId);
        payload.put("viewCount", reels.counters(reelId).viewsCount());
        broadcaster.emit(List.of(Rooms.reel(reelId)), "reel:view", payload);
    }

    /** Waits until the reels read model has folded the event (it runs in its own processing group). */
    private void folded(ReadModel readModel, String rowId, TrackingToken token) throws InterruptedException {
        readModels.folded(AwaitReadModelQuery.of(readModel, rowId, EventPositions.current(token)));
    }

    /** The counters including the event of {@code token}, which the reels group has folded. */
    private ReelStats stats(ReelId reelId, TrackingToken token) {
        return reels.counters(reelId, EventPositions.current(token));
    }

    private static Map<String, Object> payload(ReelId reelId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reelId", reelId.toString());
        return payload;
    }

    @Override
    public void destroy() {
        viewTimer.shutdownNow();
    }
}
