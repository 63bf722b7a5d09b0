package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.SecondNode;
import dz.zst.app.support.TcpProxy;
import dz.zst.app.support.TestUsers;
import dz.zst.domain.shared.UserId;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.RealtimeServer;
import dz.zst.query.realtime.Rooms;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/** API.md §11 behind a load balancer: a push reaches the user's sockets whichever node holds them. */
class RealtimeClusterApiTest extends ApiTestBase {

    private static final String CHANNEL = "zst:realtime";

    @Autowired
    private RealtimeServer realtime;
    @Autowired
    private RealtimeBroadcaster broadcaster;
    @Autowired
    private StringRedisTemplate redis;

    @Test
    void aPushEmittedOnOneNodeReachesSocketsOnTheOther() {
        String token = TestUsers.signIn(baseUrl(), "rt-cluster-" + UUID.randomUUID() + "@zst.test");
        List<String> userRoom = List.of(Rooms.user(UserId.of(TestUsers.userId(baseUrl(), token))));
        long subscribers = subscribers();
        try (SecondNode nodeB = new SecondNode(environment); RealtimeClients clients = new RealtimeClients()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() > subscribers);
            TestSocket onA = clients.signedIn(realtime.port(), token);
            TestSocket onB = clients.signedIn(nodeB.bean(RealtimeServer.class).port(), token);

            broadcaster.emit(userRoom, "test:cluster", Map.of("from", "A"));
            nodeB.bean(RealtimeBroadcaster.class).emit(userRoom, "test:cluster", Map.of("from", "B"));

            assertThat(onB.next("test:cluster").get("from").asText()).isEqualTo("A");
            assertThat(onB.next("test:cluster").get("from").asText()).isEqualTo("B");
            assertThat(onA.next("test:cluster").get("from").asText()).isEqualTo("A");
            assertThat(onA.next("test:cluster").get("from").asText()).isEqualTo("B");
        }
    }

    /**
     * A stopping node closes its sockets first thing (before it drains HTTP requests and stops its
     * processors), so their clients reconnect to another node at once instead of holding a socket to a
     * node that will never push again; there they get the pushes of every node.
     */
    @Test
    void aStoppingNodeClosesItsSocketsFirstAndTheirClientsGetPushesOnTheOtherNode() throws Exception {
        String token = TestUsers.signIn(baseUrl(), "rt-leaving-" + UUID.randomUUID() + "@zst.test");
        List<String> userRoom = List.of(Rooms.user(UserId.of(TestUsers.userId(baseUrl(), token))));
        try (RealtimeClients clients = new RealtimeClients()) {
            SecondNode nodeB = new SecondNode(environment);
            TestSocket onB = clients.signedIn(nodeB.bean(RealtimeServer.class).port(), token);
            long stopping = System.nanoTime();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(nodeB::close);
            onB.awaitDisconnected();
            long disconnectedAfter = System.nanoTime() - stopping;
            closing.get(60, TimeUnit.SECONDS);
            long closedAfter = System.nanoTime() - stopping;
            assertThat(disconnectedAfter).as("sockets closed before the rest of the shutdown").isLessThan(closedAfter);
            assertThat(Duration.ofNanos(disconnectedAfter)).isLessThan(Duration.ofSeconds(3));

            TestSocket again = clients.signedIn(realtime.port(), token);
            broadcaster.emit(userRoom, "test:cluster", Map.of("from", "A"));
            assertThat(again.next("test:cluster").get("from").asText()).isEqualTo("A");
        }
    }

    /**
     * A node cut off Redis for a few seconds subscribes again by itself once Redis is back: its
     * sockets get the other nodes' pushes again within the container's recovery interval (500 ms),
     * not after Spring's default 5 s; and its own pushes reach the other nodes' sockets as soon, its
     * connection retried every 500 ms at most (Lettuce's default doubles the wait up to 30 s: after 6 s
     * away, its next try came 2 s after Redis's return). No restart.
     */
    @Test
    void aNodeCutOffRedisGetsTheOtherNodesPushesAgainSoonAfterItsReturn() throws Exception {
        String token = TestUsers.signIn(baseUrl(), "rt-redis-" + UUID.randomUUID() + "@zst.test");
        List<String> userRoom = List.of(Rooms.user(UserId.of(TestUsers.userId(baseUrl(), token))));
        long subscribers = subscribers();
        try (TcpProxy relay = new TcpProxy(Integer.parseInt(environment.getRequiredProperty("spring.data.redis.port")));
             SecondNode nodeB = new SecondNode(environment, Map.of("spring.data.redis.port", String.valueOf(relay.port())));
             RealtimeClients clients = new RealtimeClients()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() > subscribers);
            TestSocket onA = clients.signedIn(realtime.port(), token);
            TestSocket onB = clients.signedIn(nodeB.bean(RealtimeServer.class).port(), token);
            RealtimeBroadcaster broadcasterB = nodeB.bean(RealtimeBroadcaster.class);

            relay.cut();
            long cut = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == subscribers);
            broadcaster.emit(userRoom, "test:outage", Map.of("from", "A"));
            assertThat(onB.poll("test:outage", 500)).as("no pub/sub without Redis").isNull();
            // long enough for Lettuce's default back-off to have grown past seconds
            Thread.sleep(Math.max(0, 6_000 - Duration.ofNanos(System.nanoTime() - cut).toMillis()));
            relay.restore();
            long restored = System.nanoTime();

            await().atMost(Duration.ofMillis(1_500)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                broadcaster.emit(userRoom, "test:back", Map.of("from", "A"));
                assertThat(onB.poll("test:back", 100)).isNotNull();
            });
            long subscribedAfter = System.nanoTime() - restored;
            await().atMost(Duration.ofMillis(1_500)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                broadcasterB.emit(userRoom, "test:from-b", Map.of("from", "B"));
                assertThat(onA.poll("test:from-b", 100)).isNotNull();
            });
            System.out.printf("after Redis's return: the cut-off node gets pushes again %d ms after, sends them %d ms after%n",
                    Duration.ofNanos(subscribedAfter).toMillis(), Duration.ofNanos(System.nanoTime() - restored).toMillis());
            assertThat(onB.isConnected()).as("its socket stayed connected through the outage").isTrue();
        }
    }

    /** Nodes listening for pushes (PUBSUB NUMSUB, which Spring Data Redis does not wrap). */
    @SuppressWarnings("unchecked")
    private long subscribers() {
        byte[] channel = CHANNEL.getBytes(StandardCharsets.UTF_8);
        return redis.execute((RedisCallback<Long>) connection -> ((RedisClusterAsyncCommands<byte[], byte[]>)
                connection.getNativeConnection()).pubsubNumsub(channel).toCompletableFuture().join().values()
                .iterator().next());
    }
}
