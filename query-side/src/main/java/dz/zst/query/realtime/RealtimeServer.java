package dz.zst.query.realtime;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.AuthorizationResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.listener.DefaultExceptionListener;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The Socket.IO v4 server (API.md §11): netty-socketio on its own port, namespace {@value #NAMESPACE}
 * on the default path {@value #PATH}, polling with upgrade and websocket-only clients alike. Started
 * last and stopped first with the application context.
 */
public class RealtimeServer implements SmartLifecycle {

    public static final String NAMESPACE = "/realtime";
    public static final String PATH = "/socket.io";

    private static final Logger log = LoggerFactory.getLogger(RealtimeServer.class);

    private final SocketIOServer server;
    private final SocketIONamespace namespace;
    private volatile int port = -1;
    private volatile String transport;

    /**
     * @param allowedOrigins browser origins allowed to connect (FRONTEND_URL); empty allows any.
     *                       Native apps send no Origin and are never refused for it.
     */
    public RealtimeServer(RealtimeProperties properties, Set<String> allowedOrigins) {
        Configuration config = new Configuration();
        config.setPort(properties.port());
        config.setContext(PATH);
        config.setUseLinuxNativeEpoll(properties.nativeTransport() && Epoll.isAvailable());
        config.setBossThreads(1);
        config.setWorkerThreads(properties.workerThreads() > 0
                ? properties.workerThreads() : Runtime.getRuntime().availableProcessors());
        config.setPingInterval((int) properties.pingInterval().toMillis());
        config.setPingTimeout((int) properties.pingTimeout().toMillis());
        config.setMaxFramePayloadLength((int) properties.maxPayload().toBytes());
        config.setMaxHttpContentLength((int) properties.maxPayload().toBytes());
        // permessage-deflate keeps a zlib context per socket (hundreds of KB): 10,000 idle sockets
        // would not fit a 1 GB heap with it, and the events are small. WebSocketFrames relies on it
        // being off: its shared frames are written as they are to every socket.
        config.setWebsocketCompression(false);
        config.setHttpCompression(false);
        config.setAddVersionHeader(false);
        config.getSocketConfig().setReuseAddress(true);
        // Replies are sent once the event's query has answered, on another thread; netty-socketio's
        // automatic empty acknowledgement would beat them.
        config.setAckMode(AckMode.MANUAL);
        config.setAuthorizationListener(handshake -> new AuthorizationResult(originAllowed(handshake, allowedOrigins)));
        config.setExceptionListener(new QuietConnectionErrors());
        server = new SocketIOServer(config);
        server.setPipelineFactory(UnknownSessionAnswers.pipeline());
        Duration upgradeTimeout = Duration.ofMillis(config.getUpgradeTimeout());
        server.addPingListener(socket -> TransportUpgrades.probed(socket, upgradeTimeout));
        namespace = server.addNamespace(NAMESPACE);
    }

    public SocketIONamespace namespace() {
        return namespace;
    }

    /** The port the server listens on once started (the chosen one when configured with 0), else -1. */
    public int port() {
        return port;
    }

    /** The netty transport the started server's sockets run on, "epoll" or "nio"; null before it starts. */
    public String transport() {
        return transport;
    }

    @Override
    public void start() {
        // startAsync answers the bind's ChannelFuture: the only way to learn a port picked by the OS.
        ChannelFuture bound = (ChannelFuture) server.startAsync().awaitUninterruptibly();
        if (!bound.isSuccess()) {
            server.stop();
            throw new IllegalStateException("realtime server could not listen on port "
                    + server.getConfiguration().getPort(), bound.cause());
        }
        port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
        transport = bound.channel() instanceof EpollServerSocketChannel ? "epoll" : "nio";
        log.info("Socket.IO realtime server listening on port {}, namespace {}, path {}, transport {}",
                port, NAMESPACE, PATH, transport());
    }

    @Override
    public void stop() {
        server.stop();
        port = -1;
        transport = null;
    }

    @Override
    public boolean isRunning() {
        return port >= 0;
    }

    private static boolean originAllowed(HandshakeData handshake, Set<String> allowedOrigins) {
        String origin = handshake.getHttpHeaders().get(HttpHeaderNames.ORIGIN);
        return allowedOrigins.isEmpty() || origin == null || allowedOrigins.contains(origin);
    }

    /**
     * netty-socketio logs every broken connection at error level with a stack trace; a dropped
     * mobile connection is routine. A client's undecodable packet closes only that client.
     */
    private static final class QuietConnectionErrors extends DefaultExceptionListener {

        @Override
        public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
            if (e instanceof IOException) {
                log.debug("realtime connection {} failed: {}", ctx.channel().remoteAddress(), e.toString());
            } else {
                log.warn("realtime connection {} closed after an error", ctx.channel().remoteAddress(), e);
            }
            ctx.close();
            return true;
        }
    }
}
