package dz.zst.query.realtime;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.TransportState;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.micrometer.core.instrument.Timer;
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
 * <p>Crowd pushes (see {@link #write}) leave each event loop with at least an interval between
 * the end of one send and the next: one that comes after a quiet interval leaves at once, the
 * others wait for the interval to be up, and every crowd push of that wait to the same sockets
 * leaves as one buffer in one write and one flush per socket. At 50 pushes a second to 5,000
 * sockets, per-socket writes and system calls were the fan-out's cost, not the pushes themselves.
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
    private final Timer crowdSends;

    /** @param crowdSends times each send of an event loop's crowd pushes, from its first write to its last flush */
    WebSocketFrames(Timer crowdSends) {
        this.crowdSends = crowdSends;
    }

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
     * a duplicate sharing the frame's memory to each of its channels. With {@code interval} zero the
     * frame is written and flushed at once. Above zero (a crowd push) it leaves at once if the
     * loop's last crowd send ended an interval ago or more, else it is held until then, when every
     * push held meanwhile leaves in one write and one flush per channel. A room of thousands taking
     * dozens of pushes a second costs one write and one system call per socket per interval rather
     * than one per push and socket (on loopback each costs the receiver's side too). A push waits
     * at most an interval after the send before it; a window opened by the first push of a burst
     * (the earlier rule) made that first push wait the whole interval too. Pushes leave each loop in
     * the order they were given: an immediate push first lets the held ones out.
     */
    void write(ByteBuf frame, List<Channel> channels, Duration interval) {
        try {
            Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>();
            for (Channel channel : channels) {
                byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(channel);
            }
            byLoop.forEach((loop, mine) -> {
                ByteBuf loopsFrame = frame.retainedDuplicate();
                try {
                    loop.execute(() -> {
                        HeldPushes pushes = held.computeIfAbsent(loop, l -> new HeldPushes(l, crowdSends));
                        if (interval.isZero()) {
                            pushes.send();
                            sendNow(loopsFrame, mine);
                        } else {
                            pushes.add(loopsFrame, mine, interval);
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
        /**
         * System.nanoTime() when the last send of crowd pushes ended (a day back at first, so the first
         * leaves at once). From its end, not its start: a send of thousands of writes takes longer as
         * the machine gets busier, and counted from its start the sends would come closer together,
         * each with fewer pushes, just when writes cost most (measured: the delays went from a tenth of
         * a second to seconds).
         */
        private long lastSent = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
        /** The interval of the latest crowd push, in nanoseconds. */
        private long interval;

        private final Timer sends;

        HeldPushes(EventLoop loop, Timer sends) {
            this.loop = loop;
            this.sends = sends;
        }

        /** Sends the crowd push now if the loop's last crowd send is an interval old, else holds it until then. */
        void add(ByteBuf frame, List<Channel> channels, Duration interval) {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.channels.equals(channels)) {
                last.frames.add(frame);
            } else {
                runs.add(new Run(channels, frame));
            }
            this.interval = interval.toNanos();
            if (!scheduled) {
                sendOrWait();
            }
        }

        private void sendOrWait() {
            long wait = interval - (System.nanoTime() - lastSent);
            if (wait <= 0) {
                send();
            } else {
                scheduled = true;
                loop.schedule(this::intervalIsUp, wait, TimeUnit.NANOSECONDS);
            }
        }

        private void intervalIsUp() {
            scheduled = false;
            sendOrWait();
        }

        /** Sends every held run, each as one buffer per channel. */
        void send() {
            if (runs.isEmpty()) {
                return;
            }
            long started = System.nanoTime();
            // A push added meanwhile (a test's embedded channel runs its loop's tasks within a write) waits.
            lastSent = started;
            List<Run> sending = List.copyOf(runs);
            runs.clear();
            for (Run run : sending) {
                sendNow(run.joined(), run.channels);
            }
            lastSent = System.nanoTime();
            sends.record(lastSent - started, TimeUnit.NANOSECONDS);
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
