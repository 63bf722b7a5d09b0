package dz.zst.query.realtime;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dz.zst.query.realtime.RealtimeBroadcaster.Envelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.Channel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * This node's half of a {@link RealtimeBroadcaster#emit}: each published push goes to the local
 * sockets in its rooms, once per socket: to websocket sockets as one frame built once for all
 * ({@link WebSocketFrames}), to long-polling ones through netty-socketio. One thread, so pushes
 * leave in the order they were published, and Redis's I/O threads never wait on a large room.
 */
class RealtimeFanout implements MessageListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RealtimeFanout.class);

    private final SocketIONamespace namespace;
    private final ObjectMapper json;
    private final ExecutorService sender;
    private final WebSocketFrames frames;
    private final Counter framed;
    private final Counter encodedPerSocket;
    private final int crowd;
    private final Duration crowdFlushInterval;

    RealtimeFanout(SocketIONamespace namespace, ObjectMapper json, MeterRegistry meters, int crowd,
                   Duration crowdFlushInterval) {
        this.namespace = namespace;
        this.json = json;
        this.crowd = crowd;
        this.crowdFlushInterval = crowdFlushInterval;
        this.framed = pushes(meters, "websocket-frame");
        this.encodedPerSocket = pushes(meters, "netty-socketio");
        this.frames = new WebSocketFrames(Timer.builder("zst.realtime.crowd.sends")
                .description("Passes of an event loop over its crowd pushes' sockets, one write per socket: how many, how long")
                .register(meters));
        CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("realtime-fanout-");
        threadFactory.setDaemon(true);
        this.sender = Executors.newSingleThreadExecutor(threadFactory);
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        byte[] body = message.getBody();
        sender.execute(() -> deliver(body));
    }

    private void deliver(byte[] body) {
        Envelope envelope;
        try {
            envelope = json.readValue(body, Envelope.class);
        } catch (IOException e) {
            log.warn("realtime push ignored: not an envelope", e);
            return;
        }
        Collection<SocketIOClient> sockets = sockets(envelope.rooms());
        RawValue payload = new RawValue(envelope.payload());
        List<Channel> websockets = new ArrayList<>(sockets.size());
        for (SocketIOClient socket : sockets) {
            Channel channel = WebSocketFrames.channel(socket);
            if (channel == null) {
                TransportUpgrades.send(socket, () -> socket.sendEvent(envelope.event(), payload));
                encodedPerSocket.increment();
            } else {
                websockets.add(channel);
            }
        }
        if (!websockets.isEmpty()) {
            // Pushes to a crowd go out in their loops' passes, an interval apart, sharing each socket's write.
            Duration interval = websockets.size() >= crowd ? crowdFlushInterval : Duration.ZERO;
            frames.write(WebSocketFrames.frame(namespace.getName(), packet(envelope.event(), payload)),
                    websockets, interval);
            framed.increment(websockets.size());
        }
    }

    /** The sockets in any of {@code rooms}, each once. */
    private Collection<SocketIOClient> sockets(List<String> rooms) {
        if (rooms.size() == 1) {
            return namespace.getRoomOperations(rooms.get(0)).getClients();
        }
        Map<UUID, SocketIOClient> sockets = new LinkedHashMap<>();
        for (String room : rooms) {
            for (SocketIOClient socket : namespace.getRoomOperations(room).getClients()) {
                sockets.putIfAbsent(socket.getSessionId(), socket);
            }
        }
        return sockets.values();
    }

    /** Pushes handed to sockets, by way: one shared websocket frame, or netty-socketio's own encoding. */
    private static Counter pushes(MeterRegistry meters, String way) {
        return Counter.builder("zst.realtime.pushes").tag("way", way)
                .description("Pushes handed to this node's sockets").register(meters);
    }

    /** The event and its argument as Socket.IO sends them: a JSON array. */
    private String packet(String event, RawValue payload) {
        try {
            return json.writeValueAsString(List.of(event, payload));
        } catch (IOException e) {
            throw new IllegalStateException("cannot render the " + event + " push", e);
        }
    }

    @Override
    public void destroy() {
        sender.shutdown();
    }
}
