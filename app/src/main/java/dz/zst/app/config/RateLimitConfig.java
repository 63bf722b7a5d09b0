package dz.zst.app.config;

import dz.zst.app.web.ClientIdentity;
import dz.zst.app.web.ProblemWriter;
import dz.zst.app.web.RateLimitFilter;
import dz.zst.app.web.MessageLimitFilter;
import dz.zst.app.web.ReelActionLimitFilter;
import dz.zst.app.web.SlidingWindowLimiter;
import dz.zst.app.web.RateLimiter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Bucket4j over the application's own Lettuce client (same address, password, TLS and cluster
 * settings as Spring Data Redis). Buckets expire from Redis once they would be full again, so
 * idle clients leave nothing behind.
 */
@Configuration
public class RateLimitConfig {

    @Bean
    @Lazy
    public ProxyManager<byte[]> rateLimitBuckets(RedisConnectionFactory connections,
                                                 @Value("${zst.rate-limit.redis-timeout:1s}") Duration timeout) {
        if (!(connections instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalStateException("the rate limiter needs the Lettuce Redis client");
        }
        AbstractRedisClient client = lettuce.getRequiredNativeClient();
        Bucket4jLettuce.LettuceBasedProxyManagerBuilder<byte[]> builder;
        if (client instanceof RedisClusterClient cluster) {
            builder = Bucket4jLettuce.casBasedBuilder(cluster);
        } else if (client instanceof RedisClient single) {
            builder = Bucket4jLettuce.casBasedBuilder(single);
        } else {
            throw new IllegalStateException("unsupported Redis client " + client);
        }
        return builder.requestTimeout(timeout)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    @Bean
    @ConditionalOnExpression("${zst.rate-limit-per-minute:1000} > 0")
    public RateLimiter rateLimiter(@Lazy ProxyManager<byte[]> rateLimitBuckets,
                                   @Value("${zst.rate-limit-per-minute:1000}") long perMinute) {
        return new RateLimiter(rateLimitBuckets, perMinute, "zst:rate:");
    }

    @Bean
    @ConditionalOnExpression("${zst.rate-limit-per-minute:1000} > 0")
    public RateLimitFilter rateLimitFilter(RateLimiter rateLimiter, ClientIdentity clients, ProblemWriter problems) {
        return new RateLimitFilter(rateLimiter, clients, problems);
    }

    /** API.md §7: like/unlike calls and comments per user per minute (0 switches a limit off). */
    @Bean
    public ReelActionLimitFilter reelActionLimitFilter(StringRedisTemplate redis,
                                                       @Value("${zst.reels.likes-per-minute:10}") long likes,
                                                       @Value("${zst.reels.comments-per-minute:5}") long comments,
                                                       ClientIdentity clients, ProblemWriter problems) {
        return new ReelActionLimitFilter(limiter(redis, likes, "zst:rate:like:"),
                limiter(redis, comments, "zst:rate:comment:"), clients, problems);
    }

    /** API.md §13: messages per user per minute (MESSAGES_PER_MINUTE); 0 switches the limit off. */
    @Bean
    @ConditionalOnExpression("${zst.messages.per-minute:30} > 0")
    public MessageLimitFilter messageLimitFilter(StringRedisTemplate redis,
                                                 @Value("${zst.messages.per-minute:30}") long perMinute,
                                                 ClientIdentity clients, ProblemWriter problems) {
        return new MessageLimitFilter(limiter(redis, perMinute, "zst:rate:message:"), clients, problems);
    }

    private static SlidingWindowLimiter limiter(StringRedisTemplate redis, long perMinute, String prefix) {
        return perMinute > 0 ? new SlidingWindowLimiter(redis, prefix, perMinute, Duration.ofMinutes(1)) : null;
    }
}
