package dz.zst.app.web;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * At most {@code limit} actions per user in any {@code window}, exactly, on every node: the user's
 * recent actions are a sorted set in Redis (score = time), trimmed, counted and added to by one Lua
 * script, one round trip per action. For small per-user budgets (10 likes a minute) where the global
 * limiter's token buckets, built per client and synchronised in several round trips, cost more
 * than the action they guard. When Redis fails the action is let through (logged): these limits
 * curb abuse, and refusing every like during a Redis outage would be worse.
 */
public class SlidingWindowLimiter {

    private static final Logger log = LoggerFactory.getLogger(SlidingWindowLimiter.class);

    /** KEYS[1] set; ARGV: now ms, window ms, limit, member. Answers 0 when allowed, else ms to wait. */
    private static final RedisScript<Long> SCRIPT = RedisScript.of("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              return tonumber(oldest[2]) + ARGV[2] - ARGV[1]
            end
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 0
            """, Long.class);

    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private final StringRedisTemplate redis;
    private final String prefix;
    private final long limit;
    private final long windowMillis;

    public SlidingWindowLimiter(StringRedisTemplate redis, String prefix, long limit, Duration window) {
        this.redis = redis;
        this.prefix = prefix;
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    public Decision tryAcquire(String client) {
        try {
            Long wait = redis.execute(SCRIPT, List.of(prefix + client), Long.toString(System.currentTimeMillis()),
                    Long.toString(windowMillis), Long.toString(limit), UUID.randomUUID().toString());
            if (wait == null || wait <= 0) {
                return new Decision(true, 0);
            }
            return new Decision(false, Math.max(1, (wait + 999) / 1000));
        } catch (RuntimeException e) {
            log.warn("per-user action limit not checked (Redis): {}", e.toString());
            return new Decision(true, 0);
        }
    }
}
