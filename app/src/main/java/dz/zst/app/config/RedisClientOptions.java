package dz.zst.app.config;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the Lettuce client behaves while Redis is unreachable. Every use of Redis on a request's path
 * falls back when Redis fails (caches render from the rows, limits and idempotency let the request
 * through, pushes are dropped, generation bumps are kept for later); what matters is how soon it
 * fails. Lettuce's default queues each command of a lost connection until it reconnects or the
 * command times out (REDIS_TIMEOUT, 2 s): during an outage every request would wait 2 s per Redis
 * call. Refused at once instead, while the client keeps reconnecting in the background; the first
 * command after Redis's return is served by the new connection.
 *
 * <p>And how soon it reconnects: Lettuce's default waits twice as long after each failed attempt, up
 * to 30 s, so after a 30 s outage a node's connection came back seconds after Redis did (bench/faults.sh
 * redis: the sockets' first push p50 4.9 s after Redis's return, every node's pushes going out through
 * that connection). At most 500 ms between attempts: one TCP connect per connection per half second
 * while Redis is away.
 */
@Configuration
public class RedisClientOptions {

    @Bean
    public LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    public ClientResourcesBuilderCustomizer reconnectWithinHalfASecond() {
        return resources -> resources.reconnectDelay(
                () -> Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS));
    }
}
