package dz.zst.app.web;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests per minute per client, one token bucket per client kept in Redis so every node counts
 * against the same budget. Asking Redis on every request would cost a round trip per request, so
 * each node keeps its bucket proxy and uses bucket4j's delaying optimization: tokens are taken
 * locally and synchronised with Redis every {@code limit/50} tokens or every second, whichever
 * comes first; a client over its budget is refused locally without touching Redis. The price is
 * that a cluster can admit up to nodes × limit/50 requests beyond the budget per sync window.
 * When Redis fails, the limiter stops asking it for a few seconds and counts on each node alone
 * (per-node buckets of the same size): requests neither wait on a dead Redis nor go unlimited.
 */
public class RateLimiter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration IDLE = Duration.ofMinutes(2);
    private static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);
    private static final Duration REDIS_BACKOFF = Duration.ofSeconds(5);

    public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds) {
    }

    /** A client's buckets on this node; the Redis-backed one is made on first use, when Redis answers. */
    private static final class Entry {
        private final Bucket fallback;
        private final AtomicLong lastUsed = new AtomicLong(System.nanoTime());
        private volatile BucketProxy bucket;

        Entry(Bucket fallback) {
            this.fallback = fallback;
        }
    }

    private final ProxyManager<byte[]> buckets;
    private final long perMinute;
    private final String keyPrefix;
    private final BucketConfiguration configuration;
    private final DelayParameters delay;
    private final Map<String, Entry> local = new ConcurrentHashMap<>();
    private final ScheduledExecutorService cleaner;
    private final AtomicLong lastFailureLog = new AtomicLong();
    private volatile long redisRetryAt;

    public RateLimiter(ProxyManager<byte[]> buckets, long perMinute, String keyPrefix) {
        this.buckets = buckets;
        this.perMinute = perMinute;
        this.keyPrefix = keyPrefix;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
        this.delay = new DelayParameters(Math.max(1, perMinute / 50), SYNC_INTERVAL);
        this.redisRetryAt = System.nanoTime();
        this.cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rate-limit-cleaner");
            thread.setDaemon(true);
            return thread;
        });
        cleaner.scheduleWithFixedDelay(this::evictIdle, 1, 1, TimeUnit.MINUTES);
    }

    public Decision tryAcquire(String client) {
        Entry entry = local.computeIfAbsent(client, key -> new Entry(
                Bucket.builder().addLimit(configuration.getBandwidths()[0]).build()));
        long now = System.nanoTime();
        entry.lastUsed.set(now);
        if (now - redisRetryAt < 0) {
            return decide(entry.fallback.tryConsumeAndReturnRemaining(1));
        }
        try {
            BucketProxy bucket = entry.bucket;
            if (bucket == null) {
                bucket = remoteBucket(client);
                entry.bucket = bucket;
            }
            return decide(bucket.tryConsumeAndReturnRemaining(1));
        } catch (RuntimeException e) {
            redisRetryAt = System.nanoTime() + REDIS_BACKOFF.toNanos();
            logFailure(e);
            return decide(entry.fallback.tryConsumeAndReturnRemaining(1));
        }
    }

    private Decision decide(ConsumptionProbe probe) {
        long retryAfter = probe.isConsumed() ? 0
                : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        return new Decision(probe.isConsumed(), perMinute, probe.getRemainingTokens(), retryAfter);
    }

    private BucketProxy remoteBucket(String client) {
        // One optimization instance per bucket: it holds that bucket's unsynchronised state.
        return buckets.builder()
                .withOptimization(Optimizations.delaying(delay))
                .build((keyPrefix + client).getBytes(StandardCharsets.UTF_8), () -> configuration);
    }

    private void evictIdle() {
        long threshold = System.nanoTime() - IDLE.toNanos();
        local.forEach((client, entry) -> {
            BucketProxy bucket = entry.bucket;
            if (entry.lastUsed.get() < threshold && local.remove(client, entry) && bucket != null) {
                try {
                    bucket.getOptimizationController().syncImmediately();
                } catch (RuntimeException e) {
                    logFailure(e);
                }
            }
        });
    }

    private void logFailure(RuntimeException e) {
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last > TimeUnit.SECONDS.toNanos(30) && lastFailureLog.compareAndSet(last, now)) {
            log.warn("rate limiter cannot reach Redis, limiting on this node alone for now: {}", e.toString());
        }
    }

    @Override
    public void close() {
        cleaner.shutdownNow();
    }
}
