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
import java.util.HashMap;
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
    private final RoomMembership rooms;
    private final ObjectMapper json;
    private final ExecutorService sender;
    private final WebSocketFrames frames;
    private final Counter framed;
    private final Counter encodedPerSocket;
    private final int crowd;
    private final Duration crowdFlushInterval;
    /**
     * The sender thread's: each room list's recipients as looked up at membership version
     * {@link #lookedUpAt}, all forgotten at the next change (and past {@link #REMEMBERED} lists).
     */
    private final Map<List<String>, Recipients> recipients = new HashMap<>();
    private long lookedUpAt = -1;

    private static final int REMEMBERED = 1_000;

    /** The sockets in a push's rooms: their websocket channels, and the others, which netty-socketio sends to. */
    private record Recipients(List<Channel> websockets, List<SocketIOClient> others) {
    }

    RealtimeFanout(SocketIONamespace namespace, RoomMembership rooms, ObjectMapper json, MeterRegistry meters,
                   int crowd, Duration crowdFlushInterval) {
        this.namespace = namespace;
        this.rooms = rooms;
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
        Recipients to = recipients(envelope.rooms());
        RawValue payload = new RawValue(envelope.payload());
        for (SocketIOClient socket : to.others()) {
            TransportUpgrades.send(socket, () -> socket.sendEvent(envelope.event(), payload));
            encodedPerSocket.increment();
        }
        List<Channel> websockets = to.websockets();
        if (!websockets.isEmpty()) {
            // Pushes to a crowd go out in their loops' passes, an interval apart, sharing each socket's write.
            Duration interval = websockets.size() >= crowd ? crowdFlushInterval : Duration.ZERO;
            frames.write(WebSocketFrames.frame(namespace.getName(), packet(envelope.event(), payload)),
                    websockets, interval);
            framed.increment(websockets.size());
        }
    }

    /**
     * The recipients of a push to {@code rooms}, looked up again only after a join, leave or
     * disconnect on this node, or once one of its sockets not on websocket has upgraded (those are
     * checked at every push; they are few: an app's socket upgrades within a second of connecting).
     * The version is read before the lookup: a change during it moves the version again, and the
     * next push looks up afresh. A websocket closed meanwhile drops its copy, as it would a moment
     * later anyway.
     */
    private Recipients recipients(List<String> rooms) {
        long version = this.rooms.version();
        if (version != lookedUpAt || recipients.size() >= REMEMBERED) {
            recipients.clear();
            lookedUpAt = version;
        }
        List<String> key = List.copyOf(rooms);
        Recipients known = recipients.get(key);
        if (known == null || known.others().stream().anyMatch(socket -> WebSocketFrames.channel(socket) != null)) {
            known = lookUp(key);
            recipients.put(key, known);
        }
        return known;
    }

    private Recipients lookUp(List<String> rooms) {
        Collection<SocketIOClient> sockets = sockets(rooms);
        List<Channel> websockets = new ArrayList<>(sockets.size());
        List<SocketIOClient> others = new ArrayList<>();
        for (SocketIOClient socket : sockets) {
            Channel channel = WebSocketFrames.channel(socket);
            if (channel == null) {
                others.add(socket);
            } else {
                websockets.add(channel);
            }
        }
        return new Recipients(List.copyOf(websockets), List.copyOf(others));
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
