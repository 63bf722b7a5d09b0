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
import io.netty.util.AttributeKey;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
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
 * to a direct one on every write to a socket), and each event loop writes that one buffer to its
 * sockets.
 *
 * <p>Crowd pushes (see {@link #write}) leave each event loop in passes over their sockets, with at
 * least an interval between the end of one pass and the start of the next. At each socket a pass
 * writes every crowd push that socket has not had yet, as one buffer in one write and one flush:
 * at 50 pushes a second to 5,000 sockets, per-socket writes and system calls were the fan-out's
 * cost, not the pushes themselves. A push that comes while a pass is under way joins it for the
 * sockets the pass has still to reach (the others get it in the next pass), so no socket waits
 * for more than one pass and one interval.
 *
 * <p>netty-socketio exposes a socket's transport but not its websocket channel, so the channel is
 * read from {@code ClientHead}'s private map (netty-socketio 2.0.14, checked once at start). Sockets
 * still on HTTP long-polling, and every socket if that field is ever missing, are left to
 * {@code sendEvent}.
 */
final class WebSocketFrames {

    private static final Logger log = LoggerFactory.getLogger(WebSocketFrames.class);
    private static final Field CHANNELS = channelsField();

    /** Sockets a pass writes before it lets the loop run its other tasks (reads, pings, new pushes). */
    private static final int PASS_CHUNK = 256;
    /**
     * On each websocket channel: the sequence number of the last crowd push of its loop it has had
     * (or was closed for). Only the node's fan-out writes pushes to a channel, through one instance.
     */
    private static final AttributeKey<long[]> HAD = AttributeKey.valueOf(WebSocketFrames.class, "had");

    /** The crowd pushes of each event loop; one fan-out's, ended with it. */
    private final Map<Executor, LoopPushes> loopsPushes = new ConcurrentHashMap<>();
    private final Timer passes;
    private final Loops loops;
    private final int chunk;

    /** @param passes times each pass of an event loop's crowd pushes over their sockets, from its first write to its last flush */
    WebSocketFrames(Timer passes) {
        this(passes, Loops.NETTY, PASS_CHUNK);
    }

    WebSocketFrames(Timer passes, Loops loops, int chunk) {
        this.passes = passes;
        this.loops = loops;
        this.chunk = chunk;
    }

    /** The sockets' event loops and the clock: netty's in production, driven by hand in tests. */
    interface Loops {
        Loops NETTY = new Loops() {
            @Override
            public Executor loopOf(Channel channel) {
                return channel.eventLoop();
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void schedule(Executor loop, Runnable task, long delayNanos) {
                ((EventLoop) loop).schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            }
        };

        /** The loop that writes to {@code channel}; a task given to it runs after the loop's earlier ones. */
        Executor loopOf(Channel channel);

        long nanoTime();

        /** Runs {@code task} on {@code loop} (one of {@link #loopOf}'s) once {@code delayNanos} have passed. */
        void schedule(Executor loop, Runnable task, long delayNanos);
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
     * Writes {@code frame} to every channel and releases it: each event loop gets one task, and a
     * duplicate sharing the frame's memory goes to each of its channels. With {@code interval} zero
     * the frame is written and flushed at once, after the crowd pushes its sockets have still to get
     * (so pushes reach each socket in the order they were given). Above zero (a crowd push) it goes
     * out in the loop's passes over its crowd pushes' sockets: a pass starts at once if the loop's
     * last pass ended an interval ago or more, else when the interval is up. A push that comes during
     * a pass joins it for the sockets not reached yet. A room of thousands taking dozens of pushes a
     * second costs one write and one system call per socket per pass rather than one per push and
     * socket (on loopback each costs the receiver's side too).
     */
    void write(ByteBuf frame, List<Channel> channels, Duration interval) {
        try {
            Map<Executor, List<Channel>> byLoop = new IdentityHashMap<>();
            for (Channel channel : channels) {
                byLoop.computeIfAbsent(loops.loopOf(channel), loop -> new ArrayList<>()).add(channel);
            }
            byLoop.forEach((loop, mine) -> {
                ByteBuf loopsFrame = frame.retainedDuplicate();
                try {
                    loop.execute(() -> loopsPushes.computeIfAbsent(loop, LoopPushes::new)
                            .add(loopsFrame, mine, interval.toNanos()));
                } catch (RejectedExecutionException stopping) {
                    loopsFrame.release();
                }
            });
        } finally {
            frame.release();
        }
    }

    /**
     * One event loop's pushes that some of their sockets have still to get, touched only on that
     * loop, in the order they came, and the pass under way over their sockets. Each socket's
     * {@link #HAD} says which it has had: a pass writes a socket the later ones that include it.
     */
    private final class LoopPushes {
        private final Executor loop;
        private final ArrayDeque<Push> pending = new ArrayDeque<>();
        private long lastSequence;
        /** The sockets of the pass under way, in order, and the next one's index; null when no pass is under way. */
        private List<Channel> pass;
        private int next;
        private long passStarted;
        private boolean scheduled;
        /**
         * System.nanoTime() when the last pass ended (a day back at first, so the first starts at
         * once). From its end, not its start: a pass of thousands of writes takes longer as the
         * machine gets busier, and counted from its start the passes would come closer together,
         * each with fewer pushes, just when writes cost most (measured: the delays went from a tenth
         * of a second to seconds).
         */
        private long lastEnded;
        /** The interval of the latest crowd push, in nanoseconds. */
        private long interval;
        /** The buffer written to the last socket and which pushes it holds: the next socket due the same ones shares it. */
        private ByteBuf shared;
        private long[] sharedPushes = new long[0];
        /** The pushes due to the socket being visited (scratch, reused). */
        private long[] due = new long[8];

        LoopPushes(Executor loop) {
            this.loop = loop;
            this.lastEnded = loops.nanoTime() - TimeUnit.DAYS.toNanos(1);
        }

        void add(ByteBuf frame, List<Channel> channels, long intervalNanos) {
            Push last = pending.peekLast();
            Set<Channel> members = last != null && last.order.equals(channels) ? last.members : members(channels);
            Push push = new Push(++lastSequence, frame, channels, members);
            pending.add(push);
            if (intervalNanos == 0) {
                for (Channel channel : channels) {
                    visit(channel);
                }
                forgetShared();
                return;
            }
            interval = intervalNanos;
            if (pass == null && !scheduled) {
                startOrWait();
            }
        }

        private void startOrWait() {
            long wait = interval - (loops.nanoTime() - lastEnded);
            if (wait <= 0) {
                start();
            } else {
                scheduled = true;
                loops.schedule(loop, this::intervalIsUp, wait);
            }
        }

        private void intervalIsUp() {
            scheduled = false;
            if (pass == null && !pending.isEmpty()) {
                startOrWait();
            }
        }

        /** A pass over the sockets of every pending push, each once, in the order of the pushes. */
        private void start() {
            Push first = pending.peekFirst();
            boolean oneRoom = pending.stream().allMatch(push -> push.order.equals(first.order));
            if (oneRoom) {
                pass = first.order;
            } else {
                Set<Channel> union = Collections.newSetFromMap(new IdentityHashMap<>());
                pass = new ArrayList<>();
                for (Push push : pending) {
                    for (Channel channel : push.order) {
                        if (union.add(channel)) {
                            pass.add(channel);
                        }
                    }
                }
            }
            next = 0;
            passStarted = loops.nanoTime();
            proceed();
        }

        /** The pass's next chunk of sockets; then the loop's other tasks, then the rest. */
        private void proceed() {
            int end = Math.min(pass.size(), next + chunk);
            while (next < end) {
                visit(pass.get(next++));
            }
            if (next < pass.size()) {
                try {
                    loop.execute(this::proceed);
                    return;
                } catch (RejectedExecutionException stopping) {
                    // the loop is shutting down: the pass ends here
                }
            }
            forgetShared();
            pass = null;
            lastEnded = loops.nanoTime();
            passes.record(lastEnded - passStarted, TimeUnit.NANOSECONDS);
            if (!pending.isEmpty() && !scheduled) {
                startOrWait();
            }
        }

        /** Writes {@code channel} every pending push it has not had, in order, as one buffer. */
        private void visit(Channel channel) {
            long[] had = channel.attr(HAD).get();
            if (had == null) {
                had = new long[1];
                channel.attr(HAD).set(had);
            }
            int count = 0;
            for (Push push : pending) {
                if (push.sequence > had[0] && push.members.contains(channel)) {
                    if (count == due.length) {
                        due = Arrays.copyOf(due, count * 2);
                    }
                    due[count++] = push.sequence;
                    push.remaining--;
                }
            }
            had[0] = lastSequence;
            if (count == 0) {
                return;
            }
            if (shared == null || !Arrays.equals(due, 0, count, sharedPushes, 0, sharedPushes.length)) {
                forgetShared();
                sharedPushes = Arrays.copyOf(due, count);
                shared = joined(sharedPushes);
            }
            channel.writeAndFlush(shared.retainedDuplicate(), channel.voidPromise());
            pending.removeIf(Push::done);
        }

        /** The frames of {@code sequences} one after the other, in a buffer of the loop's. */
        private ByteBuf joined(long[] sequences) {
            List<ByteBuf> frames = new ArrayList<>(sequences.length);
            for (Push push : pending) {
                if (Arrays.binarySearch(sequences, push.sequence) >= 0) {
                    frames.add(push.frame);
                }
            }
            if (frames.size() == 1) {
                return frames.get(0).retainedDuplicate();
            }
            int size = frames.stream().mapToInt(ByteBuf::readableBytes).sum();
            ByteBuf joined = ByteBufAllocator.DEFAULT.directBuffer(size);
            for (ByteBuf frame : frames) {
                joined.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
            }
            return joined;
        }

        private void forgetShared() {
            if (shared != null) {
                shared.release();
                shared = null;
            }
        }

        private static Set<Channel> members(List<Channel> channels) {
            Set<Channel> members = Collections.newSetFromMap(new IdentityHashMap<>(channels.size() * 2));
            members.addAll(channels);
            return members;
        }
    }

    /** A push of one loop: its frame (a reference owned here), its sockets, how many of them have still to get it. */
    private static final class Push {
        final long sequence;
        final ByteBuf frame;
        final List<Channel> order;
        final Set<Channel> members;
        int remaining;

        Push(long sequence, ByteBuf frame, List<Channel> order, Set<Channel> members) {
            this.sequence = sequence;
            this.frame = frame;
            this.order = order;
            this.members = members;
            this.remaining = members.size();
        }

        /** Every socket has had it (or was closed for it): its frame is released. */
        boolean done() {
            if (remaining > 0) {
                return false;
            }
            frame.release();
            return true;
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
