package dz.zst.query.pushes;

import dz.zst.domain.dashboard.SellerFiguresCommitted;
import dz.zst.domain.shared.UserId;
import dz.zst.query.dashboard.DashboardQueryHandler;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.Rooms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code seller:stats {stats}} to {@code seller:{id}} (API.md §11): the seller's figures as the
 * dashboard read model holds them, at most once a second per seller across the cluster, the last
 * change of a burst included. A change the dashboard group commits on this node opens a one-second
 * window for its seller; the push at the window's end reads the figures then, so a burst of orders
 * within it is one push with the final figures. The one-a-second rule holds for the cluster through
 * a Redis key taken for a second by each push: the dashboard's segments may be folded by several
 * nodes, each seeing some of a seller's changes. A node that finds the key taken retries when it
 * expires, unless the push that took it started after this node's last change was committed (that push
 * read the figures with it). Best effort, like every push: a Redis failure is logged and the push dropped.
 */
@Component
public class SellerStatsPushes implements SellerFiguresCommitted, DisposableBean {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Clock skew allowed between this node's reckoning and the key's remaining time before a push counts as later. */
    private static final long MARGIN_MILLIS = 20;

    private static final Logger log = LoggerFactory.getLogger(SellerStatsPushes.class);

    private final RealtimeBroadcaster broadcaster;
    private final DashboardQueryHandler dashboard;
    private final StringRedisTemplate redis;
    /** Sellers with a change not pushed yet: when (System.nanoTime) the last of them was committed. */
    private final Map<UserId, AtomicLong> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "seller-stats-pushes");
        thread.setDaemon(true);
        return thread;
    });

    public SellerStatsPushes(RealtimeBroadcaster broadcaster, DashboardQueryHandler dashboard,
                             StringRedisTemplate redis) {
        this.broadcaster = broadcaster;
        this.dashboard = dashboard;
        this.redis = redis;
    }

    @Override
    public void committed(Set<UserId> sellers) {
        long now = System.nanoTime();
        for (UserId seller : sellers) {
            AtomicLong last = pending.putIfAbsent(seller, new AtomicLong(now));
            if (last == null) {
                schedule(seller, INTERVAL.toMillis());
            } else {
                last.accumulateAndGet(now, Math::max);
            }
        }
    }

    private void schedule(UserId seller, long delayMillis) {
        try {
            timer.schedule(() -> push(seller), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            pending.remove(seller);
        }
    }

    private void push(UserId seller) {
        AtomicLong last = pending.get(seller);
        if (last == null) {
            return;
        }
        try {
            String key = "realtime:seller-stats:" + seller.value();
            if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, "1", INTERVAL))) {
                // Removed before the figures are read: a change committed from now on opens a new window.
                pending.remove(seller);
                broadcaster.emit(List.of(Rooms.seller(seller)), "seller:stats", Map.of("stats", dashboard.stats(seller)));
                return;
            }
            Long left = redis.getExpire(key, TimeUnit.MILLISECONDS);
            long remaining = left == null || left < 0 ? 0 : left;
            long keyAge = INTERVAL.toMillis() - remaining;
            long lastChange = last.get();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastChange);
            if (keyAge + MARGIN_MILLIS < waited) {
                pending.remove(seller, last);
                if (last.get() != lastChange) {
                    // A change came while this was decided: the other push may not have read it.
                    committed(Set.of(seller));
                }
            } else {
                schedule(seller, Math.max(remaining, 1));
            }
        } catch (RuntimeException e) {
            pending.remove(seller);
            log.warn("seller:stats for {} not pushed: {}", seller.value(), e.toString());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
