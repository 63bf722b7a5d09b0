package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.query.realtime.RealtimeConfiguration;
import dz.zst.query.realtime.RealtimeProperties;
import dz.zst.query.realtime.RealtimeServer;
import io.netty.channel.epoll.Epoll;
import io.socket.engineio.client.EngineIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** The server alone, without the platform: browser origins from FRONTEND_URL, and the off switch. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeServerTest {

    private static final String APP_ORIGIN = "https://app.zst.test";
    /** The heartbeat of a standalone server: socket.io's default, the wait of anything left to it. */
    static final Duration PING_INTERVAL = Duration.ofSeconds(25);

    private final RealtimeServer server = standalone(Set.of(APP_ORIGIN));
    private final RealtimeClients clients = new RealtimeClients();

    /** A server outside any application context: a free port, one thread each, the default heartbeat and limits. */
    static RealtimeServer standalone(Set<String> allowedOrigins) {
        return standalone(allowedOrigins, true);
    }

    private static RealtimeServer standalone(Set<String> allowedOrigins, boolean nativeTransport) {
        return new RealtimeServer(new RealtimeProperties(0, 1, 1, PING_INTERVAL, Duration.ofSeconds(20),
                DataSize.ofKilobytes(16), nativeTransport, 100, Duration.ofMillis(40)), allowedOrigins);
    }

    @BeforeAll
    void start() {
        server.start();
    }

    @AfterAll
    void stop() {
        clients.close();
        server.stop();
    }

    @Test
    void browsersOfTheFrontendAndNativeAppsWithoutAnOriginConnect() {
        assertThat(clients.open(server.port(), options -> options.setExtraHeaders(origin(APP_ORIGIN)))
                .awaitConnected().isConnected()).isTrue();
        assertThat(clients.guest(server.port()).isConnected()).isTrue();
    }

    @Test
    void aPageOfAnotherOriginIsRefusedAtTheHandshake() {
        TestSocket socket = clients.open(server.port(), options -> options.setExtraHeaders(origin("https://evil.test")));

        assertThat(socket.connectError()).isInstanceOf(EngineIOException.class);
        assertThat(socket.isConnected()).isFalse();
    }

    @Test
    void runsOnEpollWhereItLoadsAndOnNioWhenTurnedOff() {
        // Every other realtime test runs on the transport this machine gives: epoll on Linux.
        assertThat(server.transport()).isEqualTo(Epoll.isAvailable() ? "epoll" : "nio");

        RealtimeServer nio = standalone(Set.of(), false);
        nio.start();
        try {
            assertThat(nio.transport()).isEqualTo("nio");
            assertThat(clients.guest(nio.port()).isConnected()).isTrue();
            assertThat(clients.websocketGuest(nio.port()).isConnected()).isTrue();
        } finally {
            nio.stop();
        }
    }

    /**
     * A polling request of a session this server does not hold (held by a node that left) is told
     * so as engine.io's server says it, 400 "Session ID unknown", so the client starts over; not the
     * empty 500 of netty-socketio (UnknownSessionAnswers). A session it holds still polls.
     */
    @Test
    void aPollOfASessionItDoesNotHoldIsA400SessionIdUnknown() throws Exception {
        String polling = "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling";
        String unknown = polling + "&sid=" + UUID.randomUUID();

        for (HttpRequest request : List.of(HttpRequest.newBuilder(URI.create(unknown)).GET().build(),
                HttpRequest.newBuilder(URI.create(unknown)).POST(HttpRequest.BodyPublishers.ofString("40")).build())) {
            HttpResponse<String> answer = sendAlone(request);
            assertThat(answer.statusCode()).as(request.method()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(answer.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        }
        HttpResponse<String> handshake = sendAlone(HttpRequest.newBuilder(URI.create(polling)).GET().build());
        assertThat(handshake.statusCode()).isEqualTo(200);
        String sid = handshake.body().replaceFirst("^.*\"sid\":\"([^\"]+)\".*$", "$1");
        HttpResponse<String> connect = sendAlone(HttpRequest.newBuilder(URI.create(polling + "&sid=" + sid))
                .POST(HttpRequest.BodyPublishers.ofString("40/realtime,")).build());
        assertThat(connect.statusCode()).isEqualTo(200);
    }

    /**
     * On a connection of its own: netty-socketio may close a polling connection after answering, and
     * a pooled one reused just then is reset (the CI run of this test met it once).
     */
    private static HttpResponse<String> sendAlone(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNodeWithRealtimeDisabledRunsNoServer() {
        new ApplicationContextRunner().withPropertyValues("zst.realtime.enabled=false")
                .withUserConfiguration(RealtimeConfiguration.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RealtimeServer.class));
    }

    private static Map<String, List<String>> origin(String origin) {
        return Map.of("Origin", List.of(origin));
    }
}
