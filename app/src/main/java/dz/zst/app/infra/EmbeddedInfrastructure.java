package dz.zst.app.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import redis.embedded.RedisServer;

/**
 * The embedded default (API.md §12): when no database or Redis is configured, start a PostgreSQL 17
 * whose data lives under {@code zst.data-dir} (default ./data, so a restart keeps everything) and a
 * Redis, before any bean needs them. Also switches on development sign-in and local storage unless
 * configured otherwise. The servers stop when the application context closes.
 */
public class EmbeddedInfrastructure implements EnvironmentPostProcessor, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains("zstEmbedded")) {
            return;
        }
        boolean needDatabase = !env.containsProperty("spring.datasource.url");
        boolean needRedis = !env.containsProperty("spring.data.redis.url") && !env.containsProperty("spring.data.redis.host");
        Map<String, Object> props = new HashMap<>();
        Path dataDir = Path.of(env.getProperty("zst.data-dir", "./data")).toAbsolutePath().normalize();
        if (needDatabase) {
            EmbeddedPostgres postgres = startPostgres(dataDir.resolve("postgres"));
            props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
            application.addListeners(event -> {
                if (event instanceof ContextClosedEvent) {
                    close(postgres);
                }
            });
        }
        if (needRedis) {
            int port = freePort();
            RedisServer redis = startRedis(port);
            props.put("spring.data.redis.host", "127.0.0.1");
            props.put("spring.data.redis.port", String.valueOf(port));
            application.addListeners(event -> {
                if (event instanceof ContextClosedEvent) {
                    stop(redis);
                }
            });
        }
        if (needDatabase) {
            // Only a machine with nothing configured is a local/demo machine: these are the defaults
            // application.yml falls back to when ZST_DEV_AUTH, ZST_DEMO_DATA, ZST_ADMIN_EMAILS are unset.
            props.put("zst.embedded-defaults.dev-auth", "true");
            props.put("zst.embedded-defaults.demo-data", "true");
            props.put("zst.embedded-defaults.admin-emails", "admin@zst.demo");
        }
        env.getPropertySources().addLast(new MapPropertySource("zstEmbedded", props));
        // Resolved once: a value like target/test-data-${random.uuid} would name a new folder at every read.
        env.getPropertySources().addFirst(new MapPropertySource("zstDataDir", Map.of("zst.data-dir", dataDir.toString())));
    }

    private static EmbeddedPostgres startPostgres(Path dir) {
        try {
            Files.createDirectories(dir);
            // A crashed run leaves its pid file behind; the embedded server would refuse the folder.
            Files.deleteIfExists(dir.resolve("postmaster.pid"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dir);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    private static RedisServer startRedis(int port) {
        try {
            RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
            log.info("Embedded Redis started on port {}", port);
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static void stop(RedisServer redis) {
        try {
            redis.stop();
        } catch (IOException e) {
            log.warn("embedded Redis did not stop cleanly", e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }
}
