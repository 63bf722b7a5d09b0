package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import dz.zst.query.realtime.RealtimeServer;
import dz.zst.query.realtime.TransportUpgrades;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The upgrade from long-polling to websocket (TransportUpgrades), on the server alone: the steps
 * where netty-socketio by itself keeps a socket waiting for its next ping, 25 s here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeUpgradeTest {

    private static final Duration PING_INTERVAL = RealtimeServerTest.PING_INTERVAL;

    private final RealtimeServer server = RealtimeServerTest.standalone(Set.of());
    private final RealtimeClients clients = new RealtimeClients();
    private final OkHttpClient http = new OkHttpClient();

    @BeforeAll
    void start() {
        server.start();
    }

    @AfterAll
    void stop() {
        clients.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        server.stop();
    }

    /**
     * The probe's NOOP reached the client before the probe's answer, so the client polled once
     * more and waits for that poll before it upgrades. The pending poll is released while the
     * upgrade is under way, and the upgrade completes.
     */
    @Test
    void aLongPollStartedDuringTheUpgradeIsReleased() throws Exception {
        String sid = poll(null).replaceFirst("^0\\{\"sid\":\"([^\"]+)\".*", "$1");
        post(sid, "40" + RealtimeServer.NAMESPACE + ",");
        assertThat(poll(sid)).startsWith("40" + RealtimeServer.NAMESPACE + ",");

        Frames frames = new Frames();
        WebSocket websocket = http.newWebSocket(new Request.Builder()
                .url(base("ws") + "?EIO=4&transport=websocket&sid=" + sid).build(), frames);
        websocket.send("2probe");
        assertThat(frames.next()).isEqualTo("3probe");
        assertThat(poll(sid)).as("the probe's own NOOP, queued as no poll was pending").isEqualTo("6");

        CompletableFuture<String> pending = pollAsync(sid);
        assertThat(pending).as("the poll the client waits for before it upgrades, long before the ping")
                .succeedsWithin(PING_INTERVAL.dividedBy(5)).isEqualTo("6");

        websocket.send("5");
        ClientHead head = head(sid);
        await().atMost(Duration.ofSeconds(10)).until(() -> head.getCurrentTransport() == Transport.WEBSOCKET);
        server.namespace().getClient(UUID.fromString(sid)).sendEvent("test:upgraded", Map.of("ok", true));
        assertThat(frames.next()).isEqualTo("42" + RealtimeServer.NAMESPACE + ",[\"test:upgraded\",{\"ok\":true}]");
        websocket.cancel();
    }

    /**
     * The packet a send racing the upgrade leaves behind: queued as for polling after the upgrade
     * drained that queue onto the websocket. The rescue writes it at once.
     */
    @Test
    void aPacketQueuedForPollingAfterTheUpgradeIsStillDelivered() {
        TestSocket socket = clients.guest(server.port());
        SocketIOClient client = server.namespace().getClient(UUID.fromString(socket.id()));
        ClientHead head = head(socket.id());
        await().atMost(Duration.ofSeconds(TestSocket.WAIT_SECONDS))
                .until(() -> head.getCurrentTransport() == Transport.WEBSOCKET);

        Packet straggler = new Packet(PacketType.MESSAGE, client.getEngineIOVersion());
        straggler.setSubType(PacketType.EVENT);
        straggler.setNsp(RealtimeServer.NAMESPACE);
        straggler.setName("test:straggler");
        straggler.setData(List.of(Map.of("n", 1)));
        assertThat(head.send(straggler, Transport.POLLING)).as("the polling channel is spent").isNull();

        TransportUpgrades.flushLeftBehind(client);

        assertThat(socket.next("test:straggler").get("n").asInt()).isEqualTo(1);
    }

    private ClientHead head(String sid) {
        return ((NamespaceClient) server.namespace().getClient(UUID.fromString(sid))).getBaseClient();
    }

    private String base(String scheme) {
        return scheme + "://localhost:" + server.port() + RealtimeServer.PATH + "/";
    }

    private String pollingUrl(String sid) {
        return base("http") + "?EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid);
    }

    private String poll(String sid) throws Exception {
        return pollAsync(sid).get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<String> pollAsync(String sid) {
        CompletableFuture<String> body = new CompletableFuture<>();
        http.newCall(oneShot(pollingUrl(sid)).get().build()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) throws IOException {
                try (response) {
                    body.complete(response.body().string());
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                body.completeExceptionally(e);
            }
        });
        return body;
    }

    private void post(String sid, String packet) throws IOException {
        try (Response response = http.newCall(oneShot(pollingUrl(sid))
                .post(RequestBody.create(packet, MediaType.get("text/plain; charset=UTF-8"))).build()).execute()) {
            assertThat(response.body().string()).isEqualTo("ok");
        }
    }

    /**
     * netty-socketio closes the connection after each polling answer while saying keep-alive; a
     * pooled connection could be reused just as it closes, so each request asks for its own.
     */
    private static Request.Builder oneShot(String url) {
        return new Request.Builder().url(url).header("Connection", "close");
    }

    /** The text frames a raw websocket receives. */
    private static final class Frames extends WebSocketListener {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            received.add(text);
        }

        String next() throws InterruptedException {
            String frame = received.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a websocket frame within 10 s").isNotNull();
            return frame;
        }
    }
}
