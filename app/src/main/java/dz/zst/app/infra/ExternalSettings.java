package dz.zst.app.infra;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps the earlier backend's environment variables (API.md §12) onto Spring properties, so existing
 * deployments carry over: DATABASE_URL (postgres://user:pass@host:port/db) or DATABASE_HOST/…,
 * REDIS_URL or REDIS_HOST/…. Nothing set means the embedded default (see EmbeddedInfrastructure).
 */
public class ExternalSettings implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "zstExternalSettings";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        if (!env.containsProperty("spring.datasource.url")) {
            String url = env.getProperty("DATABASE_URL");
            String host = env.getProperty("DATABASE_HOST");
            if (url != null && !url.isBlank()) {
                mapDatabaseUrl(url, props);
            } else if (host != null && !host.isBlank()) {
                props.put("spring.datasource.url", "jdbc:postgresql://" + host + ":"
                        + env.getProperty("DATABASE_PORT", "5432") + "/" + env.getProperty("DATABASE_NAME", "zst"));
                props.put("spring.datasource.username", env.getProperty("DATABASE_USER", "postgres"));
                props.put("spring.datasource.password", env.getProperty("DATABASE_PASSWORD", ""));
            }
        }
        if (!env.containsProperty("spring.data.redis.url") && !env.containsProperty("spring.data.redis.host")) {
            String url = env.getProperty("REDIS_URL");
            String host = env.getProperty("REDIS_HOST");
            if (url != null && !url.isBlank()) {
                props.put("spring.data.redis.url", url);
            } else if (host != null && !host.isBlank()) {
                props.put("spring.data.redis.host", host);
                props.put("spring.data.redis.port", env.getProperty("REDIS_PORT", "6379"));
                String password = env.getProperty("REDIS_PASSWORD");
                if (password != null && !password.isBlank()) {
                    props.put("spring.data.redis.password", password);
                }
            }
        }
        if (!props.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource(SOURCE, props));
        }
    }

    private static void mapDatabaseUrl(String url, Map<String, Object> props) {
        if (url.startsWith("jdbc:")) {
            props.put("spring.datasource.url", url);
            return;
        }
        URI uri = URI.create(url);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        props.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            props.put("spring.datasource.username", decode(parts[0]));
            if (parts.length > 1) {
                props.put("spring.datasource.password", decode(parts[1]));
            }
        }
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
