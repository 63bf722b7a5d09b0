package dz.zst.app.web;

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
 * When Redis is unreachable the limiter lets requests through: rate limiting protects the API, it
 * must not take it down.
 */
public class RateLimiter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration IDLE = Duration.ofMinutes(2);
    private static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);

    public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds) {
    }

    private record Entry(BucketProxy bucket, AtomicLong lastUsed) {
    }

    private final ProxyManager<byte[]> buckets;
    private final long perMinute;
    private final String keyPrefix;
    private final BucketConfiguration configuration;
    private final DelayParameters delay;
    private final Map<String, Entry> local = new ConcurrentHashMap<>();
    private final ScheduledExecutorService cleaner;
    private final AtomicLong lastFailureLog = new AtomicLong();

    public RateLimiter(ProxyManager<byte[]> buckets, long perMinute, String keyPrefix) {
        this.buckets = buckets;
        this.perMinute = perMinute;
        this.keyPrefix = keyPrefix;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
        this.delay = new DelayParameters(Math.max(1, perMinute / 50), SYNC_INTERVAL);
        this.cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rate-limit-cleaner");
            thread.setDaemon(true);
            return thread;
        });
        cleaner.scheduleWithFixedDelay(this::evictIdle, 1, 1, TimeUnit.MINUTES);
    }

    public Decision tryAcquire(String client) {
        Entry entry = local.computeIfAbsent(client, this::newEntry);
        entry.lastUsed().set(System.nanoTime());
        try {
            ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
            long retryAfter = probe.isConsumed() ? 0
                    : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            return new Decision(probe.isConsumed(), perMinute, probe.getRemainingTokens(), retryAfter);
        } catch (RuntimeException e) {
            logFailure(e);
            local.remove(client, entry);
            return new Decision(true, perMinute, perMinute, 0);
        }
    }

    int trackedClients() {
        return local.size();
    }

    private Entry newEntry(String client) {
        // One optimization instance per bucket: it holds that bucket's unsynchronised state.
        BucketProxy bucket = buckets.builder()
                .withOptimization(Optimizations.delaying(delay))
                .build((keyPrefix + client).getBytes(StandardCharsets.UTF_8), () -> configuration);
        return new Entry(bucket, new AtomicLong(System.nanoTime()));
    }

    private void evictIdle() {
        long threshold = System.nanoTime() - IDLE.toNanos();
        local.forEach((client, entry) -> {
            if (entry.lastUsed().get() < threshold && local.remove(client, entry)) {
                try {
                    entry.bucket().getOptimizationController().syncImmediately();
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
            log.warn("rate limiter cannot reach Redis, letting requests through: {}", e.toString());
        }
    }

    @Override
    public void close() {
        cleaner.shutdownNow();
    }
}
