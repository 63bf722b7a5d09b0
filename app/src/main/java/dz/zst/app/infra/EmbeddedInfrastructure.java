package dz.zst.app.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default (API.md §12): when no database or Redis is configured, start a PostgreSQL 17
 * whose data lives under {@code zst.data-dir} (default ./data, so a restart keeps everything) and a
 * Redis, before any bean needs them. Also switches on development sign-in and local storage unless
 * configured otherwise. The servers stop when the application context has closed, after the web
 * server and the event processors; a start after a crash first stops the servers the crashed run
 * left on its data folder ({@link EmbeddedServers}).
 */
public class EmbeddedInfrastructure implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains("zstEmbedded")) {
            return;
        }
        boolean needDatabase = !env.containsProperty("spring.datasource.url");
        boolean needRedis = !env.containsProperty("spring.data.redis.url") && !env.containsProperty("spring.data.redis.host");
        Map<String, Object> props = new HashMap<>();
        Path dataDir = Path.of(env.getProperty("zst.data-dir", "./data")).toAbsolutePath().normalize();
        if (needDatabase || needRedis) {
            EmbeddedServers servers = new EmbeddedServers(dataDir).start(needDatabase, needRedis);
            servers.jdbcUrl().ifPresent(url -> {
                props.put("spring.datasource.url", url);
                props.put("spring.datasource.username", "postgres");
                props.put("spring.datasource.password", "");
            });
            if (needRedis) {
                props.put("spring.data.redis.host", "127.0.0.1");
                props.put("spring.data.redis.port", String.valueOf(servers.redisPort()));
            }
            application.addInitializers(context -> attach(context, servers));
        }
        if (needDatabase) {
            // Only a machine with nothing configured is a local/demo machine: these are the defaults
            // application.yml falls back to when ZST_DEV_AUTH, ZST_DEMO_DATA, ZST_ADMIN_EMAILS are unset.
            // No mobile pushes unless EXPO_PUSH_URL names a service: the demo users' tokens are made up,
            // and a demo machine has no business calling Expo's real service with them.
            props.put("zst.embedded-defaults.expo-push-url", "");
            props.put("zst.embedded-defaults.dev-auth", "true");
            props.put("zst.embedded-defaults.demo-data", "true");
            props.put("zst.embedded-defaults.admin-emails", "admin@zst.demo");
            // No load balancer to drain from: Ctrl-C stops at once.
            props.put("zst.embedded-defaults.shutdown-drain", "0s");
        }
        env.getPropertySources().addLast(new MapPropertySource("zstEmbedded", props));
        // Resolved once: a value like target/test-data-${random.uuid} would name a new folder at every read.
        env.getPropertySources().addFirst(new MapPropertySource("zstDataDir", Map.of("zst.data-dir", dataDir.toString())));
    }

    /**
     * Once there is a context, logging is set up and the start's messages are written. The servers stop
     * after everything else: the context's lifecycle stops the web server (graceful
     * drain first) and the event processors, then destroys its beans in reverse order of
     * registration, and this one is registered before any other. Stopping them on ContextClosedEvent,
     * as before, took the database away at the first step of the close, while requests were in flight.
     */
    private static void attach(ConfigurableApplicationContext context, EmbeddedServers servers) {
        servers.logStartup();
        ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("zstEmbeddedServers", servers::close);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }
}
