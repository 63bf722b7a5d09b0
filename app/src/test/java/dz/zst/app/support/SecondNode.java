package dz.zst.app.support;

import dz.zst.app.ZstApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another node of the platform in the same JVM: its own HTTP server, command bus, aggregate cache
 * and event processors, sharing the first node's PostgreSQL, Redis and data folder (so development
 * tokens verify on both), exactly like a second instance behind a load balancer.
 */
public final class SecondNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    public SecondNode(Environment first) {
        this(first, Map.of());
    }

    /** With some settings of its own, e.g. its database or Redis reached through a {@link TcpProxy}. */
    public SecondNode(Environment first, Map<String, String> settings) {
        Map<String, String> shared = new LinkedHashMap<>();
        for (String key : new String[] {"spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "spring.data.redis.host", "spring.data.redis.port", "zst.data-dir"}) {
            shared.put(key, first.getRequiredProperty(key));
        }
        // the same Expo stand-in, when the first node has one (ApiTestBase)
        String expo = first.getProperty("zst.expo.push-url");
        if (expo != null && !expo.isBlank()) {
            shared.put("zst.expo.push-url", expo);
        }
        shared.put("server.port", "0");
        // @SpringBootTest moves the first node's management port to a free one; this node's is its own.
        shared.put("management.server.port", "0");
        // a third node in the JVM registers its data source's MBean under a name of its own
        shared.put("spring.jmx.unique-names", "true");
        shared.putAll(settings);
        // command-line arguments: they outrank the test profile's own data folder; one per key (a
        // repeated one would be read as a list)
        context = new SpringApplicationBuilder(ZstApplication.class).profiles("test").run(shared.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new));
    }

    public String baseUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A bean of this node, e.g. its RealtimeServer (own port) or RealtimeBroadcaster. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
