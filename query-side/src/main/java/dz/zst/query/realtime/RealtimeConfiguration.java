package dz.zst.query.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.query.shared.Reads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** The realtime server of this node, unless {@code zst.realtime.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "zst.realtime.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(RealtimeProperties.class)
public class RealtimeConfiguration {

    @Bean
    RoomMembership realtimeRoomMembership() {
        return new RoomMembership();
    }

    @Bean
    RealtimeHandshake realtimeHandshake(RealtimeAuthenticator authenticator, RoomMembership rooms,
                                        RealtimeProperties properties) {
        return new RealtimeHandshake(authenticator, rooms, properties.handlerThreads());
    }

    @Bean
    RealtimeGateway realtimeGateway(Reads reads, RealtimeHandshake handshake, ObjectMapper json,
                                    RealtimeProperties properties, RoomMembership rooms) {
        return new RealtimeGateway(reads, handshake, json, properties.handlerThreads(), rooms);
    }

    @Bean
    public RealtimeServer realtimeServer(RealtimeProperties properties, RealtimeHandshake handshake,
                                         RealtimeGateway gateway, @Value("${zst.frontend-url:*}") String frontendUrl) {
        RealtimeServer server = new RealtimeServer(properties, origins(frontendUrl));
        handshake.attach(server.namespace());
        gateway.attach(server.namespace());
        return server;
    }

    @Bean
    RealtimeFanout realtimeFanout(RealtimeServer server, ObjectMapper json, ObjectProvider<MeterRegistry> meters,
                                  RealtimeProperties properties, RoomMembership rooms) {
        return new RealtimeFanout(server.namespace(), rooms, json, meters.getIfAvailable(SimpleMeterRegistry::new),
                properties.crowd(), properties.crowdFlushInterval());
    }

    @Bean
    public RedisMessageListenerContainer realtimeSubscription(RedisConnectionFactory redis, RealtimeFanout fanout) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        // The default dispatches each message on a new thread, out of order; the fanout only queues.
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(fanout, new ChannelTopic(RealtimeBroadcaster.CHANNEL));
        // After a Redis outage the subscription is made again every half second (default 5 s): the
        // pushes of other nodes reach this node's sockets again within a second of Redis's return.
        container.setRecoveryInterval(500);
        return container;
    }

    /** FRONTEND_URL as for CORS: {@code *} (the default) allows any origin. */
    private static Set<String> origins(String frontendUrl) {
        Set<String> origins = Arrays.stream(frontendUrl.split(",")).map(String::strip)
                .filter(origin -> !origin.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return origins.contains("*") ? Set.of() : origins;
    }
}
