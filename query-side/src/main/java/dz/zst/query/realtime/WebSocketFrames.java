package dz.zst.query.realtime;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.TransportState;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One push to many websocket sockets, encoded once. netty-socketio sends an event by queueing a
 * packet on each socket and encoding it (Jackson, per socket) in a task of its own on the socket's
 * event loop, then flushing each: at 5,000 sockets in a room and 50 pushes a second the server
 * fell behind. Here the websocket frame carrying the Socket.IO text ({@code 42/realtime,["event",{...}]},
 * the bytes netty-socketio would write) is built once, in direct memory (a heap buffer is copied
 * to a direct one on every write to a socket), and each event loop gets one task that writes it to
 * all of its sockets, then flushes them.
 *
 * <p>A crowd push (see {@link #write}) is held on its event loop for a short interval, and every
 * crowd push of that interval to the same sockets leaves as one buffer in one write and one flush
 * per socket: at 50 pushes a second to 5,000 sockets, per-socket writes and system calls were
 * the fan-out's cost, not the pushes themselves.
 *
 * <p>netty-socketio exposes a socket's transport but not its websocket channel, so the channel is
 * read from {@code ClientHead}'s private map (netty-socketio 2.0.14, checked once at start). Sockets
 * still on HTTP long-polling, and every socket if that field is ever missing, are left to
 * {@code sendEvent}.
 */
final class WebSocketFrames {

    private static final Logger log = LoggerFactory.getLogger(WebSocketFrames.class);
    private static final Field CHANNELS = channelsField();

    /** The crowd pushes held on each event loop; one fan-out's, ended with it. */
    private final Map<EventLoop, HeldPushes> held = new ConcurrentHashMap<>();

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
     * every socket and need no per-socket encoder. The caller owns the buffer (reference count 1)
     * and hands it to {@link #write}.
     */
    static ByteBuf frame(String namespace, String eventAndArgumentsJson) {
        String prefix = namespace.isEmpty() || namespace.equals("/") ? "42" : "42" + namespace + ",";
        byte[] payload = (prefix + eventAndArgumentsJson).getBytes(StandardCharsets.UTF_8);
        ByteBuf frame = ByteBufAllocator.DEFAULT.directBuffer(payload.length + 10);
        frame.writeByte(0x81); // FIN, text
        if (payload.length < 126) {
            frame.writeByte(payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.writeByte(126).writeShort(payload.length);
        } else {
            frame.writeByte(127).writeLong(payload.length);
        }
        return frame.writeBytes(payload);
    }

    /**
     * Writes {@code frame} to every channel and releases it: one task per event loop, each writing
     * a duplicate sharing the frame's memory to each of its channels. With {@code holdFor} zero the
     * frame is written and flushed at once. Above zero (a crowd push) it is held on the loop, and
     * when the interval is up every push held meanwhile leaves in one write and one flush per
     * channel: a room of thousands taking dozens of pushes a second costs one write and one system
     * call per socket per interval rather than one per push and socket (on loopback each costs the
     * receiver's side too). Pushes leave each loop in the order they were given: an immediate push
     * first lets the held ones out.
     */
    void write(ByteBuf frame, List<Channel> channels, Duration holdFor) {
        try {
            Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>();
            for (Channel channel : channels) {
                byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(channel);
            }
            byLoop.forEach((loop, mine) -> {
                ByteBuf loopsFrame = frame.retainedDuplicate();
                try {
                    loop.execute(() -> {
                        HeldPushes pushes = held.computeIfAbsent(loop, HeldPushes::new);
                        if (holdFor.isZero()) {
                            pushes.send();
                            sendNow(loopsFrame, mine);
                        } else {
                            pushes.hold(loopsFrame, mine, holdFor);
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    loopsFrame.release();
                }
            });
        } finally {
            frame.release();
        }
    }

    /** Writes {@code frame} to each channel, flushes them, and releases the frame (on their loop). */
    private static void sendNow(ByteBuf frame, Collection<Channel> channels) {
        try {
            for (Channel channel : channels) {
                channel.writeAndFlush(frame.retainedDuplicate(), channel.voidPromise());
            }
        } finally {
            frame.release();
        }
    }

    /**
     * The crowd pushes held on one event loop, touched only on that loop: runs of pushes to the
     * same channels, in the order they came. A push to the same channels as the one before joins
     * its run (the common case: the pushes of one room), so the run leaves as one buffer.
     */
    private static final class HeldPushes {
        private final EventLoop loop;
        private final List<Run> runs = new ArrayList<>();
        private boolean scheduled;

        HeldPushes(EventLoop loop) {
            this.loop = loop;
        }

        void hold(ByteBuf frame, List<Channel> channels, Duration holdFor) {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.channels.equals(channels)) {
                last.frames.add(frame);
            } else {
                runs.add(new Run(channels, frame));
            }
            if (!scheduled) {
                scheduled = true;
                loop.schedule(this::holdIsUp, holdFor.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void holdIsUp() {
            scheduled = false;
            send();
        }

        /** Sends every held run, each as one buffer per channel. */
        void send() {
            if (runs.isEmpty()) {
                return;
            }
            List<Run> sending = List.copyOf(runs);
            runs.clear();
            for (Run run : sending) {
                sendNow(run.joined(), run.channels);
            }
        }
    }

    /** Pushes in a row to the same channels; their frames, each owned (reference count) by the run. */
    private record Run(List<Channel> channels, List<ByteBuf> frames) {
        Run(List<Channel> channels, ByteBuf first) {
            this(channels, new ArrayList<>(List.of(first)));
        }

        /** The frames one after the other in one buffer, owned by the caller; the run's are released. */
        ByteBuf joined() {
            if (frames.size() == 1) {
                return frames.get(0);
            }
            int size = frames.stream().mapToInt(ByteBuf::readableBytes).sum();
            ByteBuf joined = ByteBufAllocator.DEFAULT.directBuffer(size);
            for (ByteBuf frame : frames) {
                joined.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
                frame.release();
            }
            return joined;
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
