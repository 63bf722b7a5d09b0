package dz.zst.app.realtime;

import dz.zst.query.realtime.RealtimeServer;
import io.socket.client.IO;
import io.socket.client.SocketOptionBuilder;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;

/**
 * Opens Socket.IO clients (the Java io.socket client, protocol v4) against a node's realtime port
 * and closes them all at the end, with the HTTP client they share, so tests leak no socket or thread.
 */
final class RealtimeClients implements AutoCloseable {

    static final String[] WEBSOCKET_ONLY = {WebSocket.NAME};
    static final String[] POLLING_ONLY = {Polling.NAME};

    // Long polls wait up to the ping interval: the read timeout must outlast it.
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();
    private final List<TestSocket> opened = new CopyOnWriteArrayList<>();

    /** A connected guest socket. */
    TestSocket guest(int port) {
        return open(port, options -> options).awaitConnected();
    }

    /**
     * A connected guest socket over websocket only, for tests of what the server pushes rather than
     * of how the client reaches it: the transport upgrade of {@link #guest} is covered by the
     * handshake tests and only adds timing to push tests.
     */
    TestSocket websocketGuest(int port) {
        return open(port, options -> options.setTransports(WEBSOCKET_ONLY)).awaitConnected();
    }

    /** A connected socket signed in with {@code token} in {@code auth.token}, over websocket. */
    TestSocket signedIn(int port, String token) {
        return open(port, options -> options.setAuth(Map.of("token", token)).setTransports(WEBSOCKET_ONLY))
                .awaitConnected();
    }

    /** A socket on its way to connect (or be refused), with the app's defaults: polling, then upgrade. */
    TestSocket open(int port, UnaryOperator<SocketOptionBuilder> options) {
        IO.Options built = options.apply(IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTimeout(TimeUnit.SECONDS.toMillis(TestSocket.WAIT_SECONDS))).build();
        built.callFactory = http;
        built.webSocketFactory = http;
        TestSocket socket = new TestSocket(IO.socket(URI.create("http://localhost:" + port + RealtimeServer.NAMESPACE),
                built));
        opened.add(socket);
        return socket;
    }

    @Override
    public void close() {
        opened.forEach(TestSocket::close);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
