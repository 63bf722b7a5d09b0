package dz.zst.query.realtime;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.TransportState;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One push to many websocket sockets, encoded once. netty-socketio sends an event by queueing a
 * packet on each socket and encoding it (Jackson, per socket) in a task of its own on the socket's
 * event loop, then flushing each: at 5,000 sockets in a room and 50 pushes a second the server
 * fell behind. Here the websocket frame carrying the Socket.IO text ({@code 42/realtime,["event",{...}]},
 * the bytes netty-socketio would write) is built once, and each event loop gets one task that
 * writes it to all of its sockets, then flushes them (at once, or for a crowd on a short timer).
 *
 * <p>netty-socketio exposes a socket's transport but not its websocket channel, so the channel is
 * read from {@code ClientHead}'s private map (netty-socketio 2.0.14, checked once at start). Sockets
 * still on HTTP long-polling, and every socket if that field is ever missing, are left to
 * {@code sendEvent}.
 */
final class WebSocketFrames {

    private static final Logger log = LoggerFactory.getLogger(WebSocketFrames.class);
    private static final Field CHANNELS = channelsField();

    /** The crowd pushes written on each event loop and not yet flushed; one fan-out's, ended with it. */
    private final Map<EventLoop, PendingFlushes> pending = new ConcurrentHashMap<>();

    /** The socket's open websocket channel, or null when it must be sent to through netty-socketio. */
    static Channel channel(SocketIOClient socket) {
        if (!(socket instanceof NamespaceClient client)) {
            return null;
        }
        ClientHead head = client.getBaseClient();
        return head.getCurrentTransport() == Transport.WEBSOCKET ? channel(head, Transport.WEBSOCKET) : null;
    }

    /**
     * The socket's open channel of {@code transport}, whether or not it is the socket's transport:
     * during an upgrade the websocket is there before the transport says so. For polling, the
     * connection of the socket's latest long poll. Null when there is none, or no access to it.
     */
    static Channel channel(ClientHead head, Transport transport) {
        if (CHANNELS == null) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<Transport, TransportState> channels = (Map<Transport, TransportState>) CHANNELS.get(head);
            TransportState state = channels.get(transport);
            Channel channel = state == null ? null : state.getChannel();
            return channel != null && channel.isActive() ? channel : null;
        } catch (IllegalAccessException | ClassCastException e) {
            return null;
        }
    }

    /**
     * The Socket.IO event packet of namespace {@code namespace} as an Engine.IO message in one
     * complete websocket text frame. A server's frames are not masked and this server negotiates no
     * extension (compression is off, {@link RealtimeServer}), so the frame's bytes are the same for
     * every socket and need no per-socket encoder.
     */
    static ByteBuf frame(String namespace, String eventAndArgumentsJson) {
        String prefix = namespace.isEmpty() || namespace.equals("/") ? "42" : "42" + namespace + ",";
        byte[] payload = (prefix + eventAndArgumentsJson).getBytes(StandardCharsets.UTF_8);
        ByteBuf frame = Unpooled.buffer(payload.length + 10);
        frame.writeByte(0x81); // FIN, text
        if (payload.length < 126) {
            frame.writeByte(payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.writeByte(126).writeShort(payload.length);
        } else {
            frame.writeByte(127).writeLong(payload.length);
        }
        frame.writeBytes(payload);
        // Shared by every write: never freed by one, collected with the last.
        return Unpooled.unreleasableBuffer(frame);
    }

    /**
     * Writes {@code frame} to every channel: one task per event loop, all writes, then the flushes.
     * With {@code flushAfter} above zero the flushes wait for it, on a timer per event loop, so
     * that every frame written to a socket in the meantime leaves in the same TCP write: a room of
     * thousands taking dozens of pushes a second costs one system call per socket per interval
     * rather than one per push and socket (on loopback each costs the receiver's side too).
     */
    void write(ByteBuf frame, List<Channel> channels, Duration flushAfter) {
        Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>();
        for (Channel channel : channels) {
            byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(channel);
        }
        byLoop.forEach((loop, mine) -> loop.execute(() -> {
            for (Channel channel : mine) {
                channel.write(frame.duplicate(), channel.voidPromise());
            }
            if (flushAfter.isZero()) {
                mine.forEach(Channel::flush);
            } else {
                pending.computeIfAbsent(loop, PendingFlushes::new).add(mine, flushAfter);
            }
        }));
    }

    /** The channels of one event loop written to since its last flush; touched only on that loop. */
    private static final class PendingFlushes {
        private final EventLoop loop;
        private final Set<Channel> channels = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean scheduled;

        PendingFlushes(EventLoop loop) {
            this.loop = loop;
        }

        void add(List<Channel> written, Duration flushAfter) {
            channels.addAll(written);
            if (!scheduled) {
                scheduled = true;
                loop.schedule(this::flush, flushAfter.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void flush() {
            scheduled = false;
            channels.forEach(Channel::flush);
            channels.clear();
        }
    }

    private static Field channelsField() {
        try {
            Field field = ClientHead.class.getDeclaredField("channels");
            field.setAccessible(true);
            if (!Map.class.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException("ClientHead.channels is not a map");
            }
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("websocket pushes go through netty-socketio's per-socket encoding: {}", e.toString());
            return null;
        }
    }
}
