package dz.zst.app.config;

import io.lettuce.core.ClientOptions;
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
 */
@Configuration
public class RedisClientOptions {

    @Bean
    public LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
