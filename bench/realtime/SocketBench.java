// The socket clients of bench/realtime.sh (issue 4), on the JDK alone: run as a source file,
//
//   java bench/realtime/SocketBench.java fanout      BASE WS_URL CLIENTS LIKES_PER_SECOND SECONDS WARMUP_REELS WARMUP_RATE
//                                                    (sockets in FANOUT_CLIENT_THREADS reader threads, default 2;
//                                                    SERVER_PID for the server's CPU; METRICS_URL for its
//                                                    management port, default http://127.0.0.1:3002)
//   java bench/realtime/SocketBench.java connections BASE WS_URL SOCKETS TOKENS
//
// Each prints "key=value" lines that bench/realtime.sh copies into its summary. The hot reel, HTTP
// only, is realtime-bench.mjs's.
//
// Why Java and not Node: the client shares the server's two cores. At 5,000 sockets and ~27 crowd
// sends a second it reads ~70,000 frames a second, and the Node client, for all its hand-written
// frames, used 0.74-0.83 cores doing it (2026-11-25: 42 % of the machine in perf, more than the
// server's event loops). Every microsecond of its reads was taken from the server's writes, and the
// delays measured the load generator's queue as much as the server's. Here each reader thread
// selects on its sockets with java.nio and parses the frames in place in one reused array.
//
// The sockets speak Socket.IO v4 (Engine.IO v4) over a websocket, the frames the app's
// socket.io-client sends with transports: ["websocket"]; the platform's own tests use the real
// Java client, here only the server is under test.
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class SocketBench {

    static final String NS = "/realtime";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Wall-clock milliseconds with nanoTime's precision: one clock for every thread, comparable to the server's timestamps. */
    static final long START_NANOS = System.nanoTime();
    static final double START_EPOCH_MS = epochMillis(Instant.now());

    static double wallClock() {
        return START_EPOCH_MS + (System.nanoTime() - START_NANOS) / 1e6;
    }

    static double epochMillis(Instant instant) {
        return instant.getEpochSecond() * 1000.0 + instant.getNano() / 1e6;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        if (mode.equals("fanout") && args.length >= 6) {
            fanout(args[1], URI.create(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), args.length > 6 ? Integer.parseInt(args[6]) : 0,
                    args.length > 7 ? Integer.parseInt(args[7]) : 150);
            System.exit(0);
        } else if (mode.equals("connections") && args.length == 5) {
            connections(args[1], URI.create(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } else {
            System.err.println("usage: see the head of SocketBench.java");
            System.exit(2);
        }
    }

    // (3) Idle authenticated sockets: SOCKETS sockets signed in with TOKENS distinct users, held
    // open (pings answered) until bench/realtime.sh has measured the server and kills this process.
    static void connections(String base, URI ws, int count, int tokenCount) throws Exception {
        List<String> signedIn = tokens(base, "bench-idle-user", tokenCount);
        double started = wallClock();
        Readers readers = new Readers(ws, count, 0, i -> signedIn.get(i % signedIn.size()));
        readers.start();
        int[] connected = readers.connected.get(10, TimeUnit.MINUTES);
        System.out.printf("idle_sockets=%d idle_failed=%d idle_connect_seconds=%.1f%n", connected[0], connected[1],
                (wallClock() - started) / 1000);
        System.out.println("idle_ready=1");
        while (true) {
            Thread.sleep(10_000);
            int open = readers.call(readers::open).get(1, TimeUnit.MINUTES);
            System.out.println("idle_alive=" + open);
        }
    }

    // (1) Fan-out: CLIENTS sockets in one reel room; likes by distinct users at LIKES_PER_SECOND;
    // the delay from each like's HTTP answer to its reel:liked frame on each socket. First a
    // warm-up, reported apart: the same users like WARMUP_REELS other reels, all sockets in their
    // rooms, at WARMUP_RATE likes a second. A fresh JVM spends minutes compiling: at 50 likes a
    // second a method run once per like reaches C2's threshold only after about five minutes, and
    // in a run warmed by 30 s at the measured rate the JIT still took 15 % of the server's samples.
    static void fanout(String base, URI ws, int clients, int rate, int seconds, int warmupReelCount, int warmupRate)
            throws Exception {
        List<String> warmupReels = new ArrayList<>();
        for (int w = 0; w < warmupReelCount; w++) {
            warmupReels.add(reel(base));
        }
        String reelId = reel(base);
        int likes = rate * seconds;
        List<String> likers = tokens(base, "bench-fanout-liker", likes);
        int threadCount = Math.max(1, Math.min(clients, Integer.parseInt(envOr("FANOUT_CLIENT_THREADS", "2"))));
        List<Readers> readers = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            readers.add(new Readers(ws, clients / threadCount + (t < clients % threadCount ? 1 : 0), t, i -> null));
        }

        double started = wallClock();
        int sockets = 0;
        int failed = 0;
        for (Readers r : readers) {
            r.start();
        }
        for (Readers r : readers) {
            int[] answer = r.connected.get(5, TimeUnit.MINUTES);
            sockets += answer[0];
            failed += answer[1];
        }
        System.out.printf("fanout_clients=%d fanout_connect_failed=%d fanout_connect_seconds=%.1f fanout_client_threads=%d%n",
                sockets, failed, (wallClock() - started) / 1000, threadCount);
        List<String> userIds = pool(likers, 16, t -> field(request(base, "GET", "/api/v1/auth/me", t, null).body(), "id"));

        if (!warmupReels.isEmpty()) {
            for (String warmup : warmupReels) {
                every(readers, "[\"reel:join\",\"" + warmup + "\"]", "[\"reel:stats\"");
            }
            double t0 = wallClock();
            int ok = 0;
            for (String warmup : warmupReels) {
                ok += (int) likeAtRate(base, warmup, likers, warmupRate, (i, a) -> { }).stream()
                        .filter(a -> a.status() == 200).count();
            }
            drained(() -> readers.stream().mapToLong(r -> r.warmup).sum());
            System.out.printf("fanout_warmup_seconds=%.1f fanout_warmup_likes_ok=%d fanout_warmup_pushes_received=%d "
                            + "fanout_warmup_pushes_expected=%d%n", (wallClock() - t0) / 1000, ok,
                    readers.stream().mapToLong(r -> r.warmup).sum(), (long) ok * sockets);
            for (String warmup : warmupReels) {
                every(readers, "[\"reel:leave\",\"" + warmup + "\"]", "[\"reel:left\"");
            }
        }
        System.out.printf("fanout_joined=%d%n", every(readers, "[\"reel:join\",\"" + reelId + "\"]", "[\"reel:stats\""));
        Map<String, Integer> likeIndex = new HashMap<>();
        for (int i = 0; i < userIds.size(); i++) {
            likeIndex.put(userIds.get(i), i);
        }
        for (Readers r : readers) {
            r.call(() -> r.measure(likeIndex, likes)).get(1, TimeUnit.MINUTES);
        }
        // The receipts (tens of MB) out of the young generation now: a collection copying them during
        // the likes would pause every reader, and the delays would measure this client's collector.
        System.gc();

        double[] answeredAt = new double[likes];   // like i → wall-clock ms of its HTTP answer
        Arrays.fill(answeredAt, Double.NaN);
        double[] sendsBefore = crowdSends(base);
        double[] cpuBefore = cpu();
        double t0 = wallClock();
        List<Answer> answers = likeAtRate(base, reelId, likers, rate, (i, a) -> answeredAt[i] = a.at());
        double sendSeconds = (wallClock() - t0) / 1000;
        cpuLine("fanout_like_phase", cpuBefore);
        double[] sendsAfter = crowdSends(base);
        double sends = sendsAfter[0] - sendsBefore[0];
        System.out.printf("fanout_crowd_sends_per_s=%.1f fanout_crowd_send_mean_ms=%.1f fanout_crowd_send_recent_max_ms=%.1f%n",
                sends / sendSeconds, (sendsAfter[1] - sendsBefore[1]) * 1000 / sends, sendsAfter[2] * 1000);
        // Pushes still on their way are late, not lost: wait until none has arrived for 3 s (at most 5 min).
        double drainStart = wallClock();
        double quietSince = drained(() -> readers.stream().mapToLong(r -> r.measured).sum());
        System.out.printf("fanout_drain_seconds=%.1f%n", (quietSince - drainStart) / 1000);

        double[] delays = new double[likes * sockets];
        int delayCount = 0;
        long got = 0;
        long beforeAnswer = 0;
        // Where a delay goes, per like: its first and last receipt on any socket (the server's
        // pipeline and hold, then the spread of one push over the room), and its event's timestamp.
        double[] firstAt = new double[likes];
        double[] lastAt = new double[likes];
        double[] committedAt = new double[likes];
        Arrays.fill(firstAt, Double.POSITIVE_INFINITY);
        Arrays.fill(lastAt, Double.NEGATIVE_INFINITY);
        Arrays.fill(committedAt, Double.NaN);
        for (Readers r : readers) {
            Readers.Results results = r.call(r::results).get(1, TimeUnit.MINUTES);
            int perLike = r.count;
            for (int i = 0; i < likes; i++) {
                if (!Double.isNaN(results.committedAt()[i])) {
                    committedAt[i] = results.committedAt()[i];
                }
                for (int s = 0; s < perLike; s++) {
                    double receivedAt = results.receipts()[i * perLike + s];
                    if (Double.isNaN(receivedAt)) {
                        continue;
                    }
                    got++;
                    firstAt[i] = Math.min(firstAt[i], receivedAt);
                    lastAt[i] = Math.max(lastAt[i], receivedAt);
                    if (Double.isNaN(answeredAt[i])) {
                        continue;
                    }
                    if (receivedAt < answeredAt[i]) {
                        beforeAnswer++;
                    }
                    delays[delayCount++] = Math.max(0, receivedAt - answeredAt[i]);
                }
            }
        }
        long ok = answers.stream().filter(a -> a.status() == 200).count();
        long expected = ok * sockets;
        System.out.printf("fanout_likes_sent=%d fanout_likes_ok=%d fanout_like_errors=%d fanout_rate_per_s=%.1f "
                        + "fanout_pushes_expected=%d fanout_pushes_received=%d fanout_lost=%d fanout_before_answer=%d%n",
                likes, ok, likes - ok, likes / sendSeconds, expected, got, Math.max(0, expected - got), beforeAnswer);
        latencyLine("fanout_delay", Arrays.copyOf(delays, delayCount));
        latencyLine("fanout_like_http", answers.stream().mapToDouble(Answer::ms).toArray());
        int[] measuredLikes = java.util.stream.IntStream.range(0, likes)
                .filter(i -> !Double.isNaN(answeredAt[i]) && Double.isFinite(firstAt[i])).toArray();
        latencyLine("fanout_first_receipt", Arrays.stream(measuredLikes).mapToDouble(i -> firstAt[i] - answeredAt[i]).toArray());
        latencyLine("fanout_last_receipt", Arrays.stream(measuredLikes).mapToDouble(i -> lastAt[i] - answeredAt[i]).toArray());
        latencyLine("fanout_spread", Arrays.stream(measuredLikes).mapToDouble(i -> lastAt[i] - firstAt[i]).toArray());
        int[] stamped = Arrays.stream(measuredLikes).filter(i -> !Double.isNaN(committedAt[i])).toArray();
        latencyLine("fanout_commit_to_answer", Arrays.stream(stamped).mapToDouble(i -> answeredAt[i] - committedAt[i]).toArray());
        latencyLine("fanout_commit_to_first_receipt",
                Arrays.stream(stamped).mapToDouble(i -> firstAt[i] - committedAt[i]).toArray());
        System.out.printf("fanout_final_likes_count=%s%n",
                number(request(base, "GET", "/api/v1/reels/" + reelId, null, null).body(), "likes_count"));
    }

    /** Sends the Socket.IO event {@code packet} on every socket; answers how many got an event starting {@code reply}. */
    static long every(List<Readers> readers, String packet, String reply) throws Exception {
        List<CompletableFuture<Integer>> answered = new ArrayList<>();
        for (Readers r : readers) {
            answered.add(r.call(() -> r.every(packet, reply)).thenCompose(f -> f));
        }
        long total = 0;
        for (CompletableFuture<Integer> a : answered) {
            total += a.get(2, TimeUnit.MINUTES);
        }
        return total;
    }

    /**
     * One reader thread's share of the sockets: each a Socket.IO socket on /realtime over a
     * websocket, signed in with {@code tokenFor(its number)} or a guest (null). Everything about its sockets happens on this thread: the
     * websocket handshake, Engine.IO's open packet, the Socket.IO connect, the pongs, and the
     * receipts; other threads hand it work through {@link #call}.
     */
    static final class Readers extends Thread {
        private static final int HANDSHAKING_AT_ONCE = 100;
        private static final byte[] LIKED = ascii("42" + NS + ",[\"reel:liked\"");
        private static final byte[] USER_ID = ascii("\"userId\":\"");
        private static final byte[] TIMESTAMP = ascii("\"timestamp\":\"");

        final int count;
        final CompletableFuture<int[]> connected = new CompletableFuture<>();
        volatile long warmup;
        volatile long measured;

        private final URI ws;
        private final java.util.function.IntFunction<String> tokenFor;
        private final Selector selector;
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final Conn[] conns;
        /** Every read lands here; only a frame cut by the end of a read is copied (into its socket's pending bytes). */
        private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
        private int opened;
        private int ready;
        private int failed;

        // Measuring: like number of each liker's user id, receipts[like * count + socket], committedAt[like].
        private Map<String, Integer> likeIndex;
        private double[] receipts;
        private double[] committedAt;
        // The likes last seen (every socket gets the same frames in the same order): their user ids' bytes
        // compared in place before a string is made and looked up.
        private final byte[][] recentIds = new byte[8][36];
        private final int[] recentLikes = new int[8];
        private int nextRecent;

        // An "every" round: the event each socket waits for, and how many got it.
        private byte[] awaited;
        private int answered;
        private int waiting;
        private CompletableFuture<Integer> everyDone;

        Readers(URI ws, int count, int number, java.util.function.IntFunction<String> tokenFor) throws IOException {
            super("readers-" + number);
            setDaemon(true);
            this.ws = ws;
            this.tokenFor = tokenFor;
            this.count = count;
            this.conns = new Conn[count];
            this.selector = Selector.open();
            Arrays.fill(recentLikes, -1);
        }

        record Results(double[] receipts, double[] committedAt) { }

        <T> CompletableFuture<T> call(Supplier<T> work) {
            CompletableFuture<T> answer = new CompletableFuture<>();
            tasks.add(() -> {
                try {
                    answer.complete(work.get());
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            selector.wakeup();
            return answer;
        }

        Void measure(Map<String, Integer> likeIndex, int likes) {
            this.receipts = new double[likes * count];
            Arrays.fill(receipts, Double.NaN);
            this.committedAt = new double[likes];
            Arrays.fill(committedAt, Double.NaN);
            this.likeIndex = likeIndex;
            return null;
        }

        /** How many of the sockets are open. */
        int open() {
            return (int) Arrays.stream(conns).filter(c -> c != null && c.state == Conn.OPEN).count();
        }

        Results results() {
            return new Results(receipts, committedAt);
        }

        CompletableFuture<Integer> every(String packet, String reply) {
            awaited = ascii("42" + NS + "," + reply);
            answered = 0;
            waiting = 0;
            everyDone = new CompletableFuture<>();
            byte[] frame = Conn.frame("42" + NS + "," + packet);
            for (Conn c : conns) {
                if (c != null && c.state == Conn.OPEN) {
                    try {
                        c.send(frame);
                        c.awaiting = true;
                        waiting++;
                    } catch (IOException e) {
                        fail(c, e);
                    }
                }
            }
            if (waiting == 0) {
                everyDone.complete(0);
            }
            return everyDone;
        }

        @Override
        public void run() {
            try {
                openMore();
                while (true) {
                    selector.select(1000);
                    for (Runnable task; (task = tasks.poll()) != null; ) {
                        task.run();
                    }
                    var keys = selector.selectedKeys();
                    for (SelectionKey key : keys) {
                        Conn c = (Conn) key.attachment();
                        try {
                            if (key.isConnectable()) {
                                c.channel.finishConnect();
                                key.interestOps(SelectionKey.OP_READ);
                                c.send(ascii("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: " + ws.getHost() + ":"
                                        + ws.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                                        + Base64.getEncoder().encodeToString(randomBytes(16))
                                        + "\r\nSec-WebSocket-Version: 13\r\n\r\n"));
                            } else if (key.isReadable()) {
                                read(c);
                            }
                        } catch (IOException | RuntimeException e) {
                            fail(c, e);
                        }
                    }
                    keys.clear();
                }
            } catch (IOException e) {
                connected.completeExceptionally(e);
            }
        }

        /** Opens sockets until HANDSHAKING_AT_ONCE are in their handshake, or all are open. */
        private void openMore() {
            while (opened < count && opened - ready - failed < HANDSHAKING_AT_ONCE) {
                int index = opened++;
                try {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    conns[index] = new Conn(index, channel);
                    channel.connect(new InetSocketAddress(ws.getHost(), ws.getPort()));
                    channel.register(selector, SelectionKey.OP_CONNECT, conns[index]);
                } catch (IOException e) {
                    failed++;
                    if (failed <= 3) {
                        System.err.println("socket " + index + ": " + e);
                    }
                }
            }
            if (ready + failed == count) {
                connected.complete(new int[] {ready, failed});
            }
        }

        private void handshaken(boolean ok) {
            if (ok) {
                ready++;
            } else {
                failed++;
            }
            openMore();
        }

        private void fail(Conn c, Exception e) {
            int state = c.state;
            c.state = Conn.CLOSED;
            if (c.awaiting) {
                c.awaiting = false;
                if (--waiting == 0) {
                    everyDone.complete(answered);
                }
            }
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            if (state == Conn.CLOSED) {
                return;
            }
            if (failed < 3) {
                System.err.println("socket " + c.index + ": " + e);
            }
            if (state != Conn.OPEN) {
                handshaken(false);
            }
        }

        /** What one socket has to read: the response head, then frames. */
        private void read(Conn c) throws IOException {
            ByteBuffer buffer = readBuffer;
            buffer.clear();
            if (c.pending != null) {
                buffer.put(c.pending);
                c.pending = null;
            }
            int n = c.channel.read(buffer);
            if (n < 0) {
                throw new IOException("closed by the server");
            }
            byte[] bytes = buffer.array();
            int length = buffer.position();
            int at = 0;
            if (c.state == Conn.UPGRADING) {
                int end = indexOf(bytes, 0, length, ascii("\r\n\r\n"));
                if (end < 0) {
                    c.pending = Arrays.copyOf(bytes, length);
                    return;
                }
                if (!new String(bytes, 0, 12, StandardCharsets.ISO_8859_1).equals("HTTP/1.1 101")) {
                    throw new IOException("handshake: " + new String(bytes, 0, end, StandardCharsets.ISO_8859_1));
                }
                c.state = Conn.OPENING;
                at = end + 4;
            }
            double now = wallClock();
            while (at + 2 <= length) {
                int size = bytes[at + 1] & 0x7f;
                int head = 2;
                if (size == 126) {
                    if (at + 4 > length) {
                        break;
                    }
                    size = ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
                    head = 4;
                } else if (size == 127) {
                    if (at + 10 > length) {
                        break;
                    }
                    size = (int) ByteBuffer.wrap(bytes, at + 2, 8).getLong();
                    head = 10;
                }
                if (at + head + size > length) {
                    break;
                }
                int start = at + head;
                int end = start + size;
                if ((bytes[at] & 0x0f) == 0x8) {
                    throw new IOException("closed by the server (close frame)");
                }
                if (size == 1 && bytes[start] == '2') {
                    c.send(Conn.PONG);
                } else if (c.state == Conn.OPEN) {
                    onEvent(c, bytes, start, end, now);
                } else {
                    handshake(c, new String(bytes, start, size, StandardCharsets.UTF_8));
                }
                at = end;
            }
            if (at < length) {
                c.pending = Arrays.copyOfRange(bytes, at, length);
            }
        }

        /** Engine.IO's open packet, then the namespace's answer to the Socket.IO connect. */
        private void handshake(Conn c, String frame) throws IOException {
            if (frame.startsWith("0")) {
                String token = tokenFor.apply(c.index);
                c.send(Conn.frame("40" + NS + "," + (token == null ? "" : "{\"token\":\"" + token + "\"}")));
            } else if (frame.startsWith("40" + NS + ",")) {
                c.state = Conn.OPEN;
                handshaken(true);
            } else if (frame.startsWith("44" + NS + ",")) {
                throw new IOException("connect_error " + frame);
            }
        }

        private void onEvent(Conn c, byte[] bytes, int start, int end, double now) {
            if (c.awaiting && startsWith(bytes, start, end, awaited)) {
                c.awaiting = false;
                answered++;
                if (--waiting == 0) {
                    everyDone.complete(answered);
                }
                return;
            }
            if (!startsWith(bytes, start, end, LIKED)) {
                return;
            }
            if (likeIndex == null) {
                warmup++;
                return;
            }
            int at = indexOf(bytes, start, end, USER_ID);
            if (at < 0 || at + USER_ID.length + 36 > end) {
                return;
            }
            at += USER_ID.length;
            int like = likeOf(bytes, at);
            if (like < 0) {
                return;
            }
            receipts[like * count + c.index] = now;
            if (Double.isNaN(committedAt[like])) {
                int ts = indexOf(bytes, start, end, TIMESTAMP) + TIMESTAMP.length;
                int close = ts;
                while (close < end && bytes[close] != '"') {
                    close++;
                }
                committedAt[like] = epochMillis(Instant.parse(new String(bytes, ts, close - ts, StandardCharsets.ISO_8859_1)));
            }
            measured++;
        }

        private int likeOf(byte[] bytes, int at) {
            for (int r = 0; r < recentIds.length; r++) {
                if (recentLikes[r] >= 0 && Arrays.equals(recentIds[r], 0, 36, bytes, at, at + 36)) {
                    return recentLikes[r];
                }
            }
            Integer like = likeIndex.get(new String(bytes, at, 36, StandardCharsets.ISO_8859_1));
            int slot = nextRecent++ % recentIds.length;
            System.arraycopy(bytes, at, recentIds[slot], 0, 36);
            recentLikes[slot] = like == null ? -1 : like;
            return like == null ? -1 : like;
        }
    }

    /** One socket: its channel, where its handshake is, the bytes of a frame its last read cut. */
    static final class Conn {
        static final int UPGRADING = 0;
        static final int OPENING = 1;
        static final int OPEN = 2;
        static final int CLOSED = 3;
        static final byte[] PONG = frame("3");

        final int index;
        final SocketChannel channel;
        int state = UPGRADING;
        byte[] pending;
        boolean awaiting;

        Conn(int index, SocketChannel channel) {
            this.index = index;
            this.channel = channel;
        }

        /** One text frame, masked as a client's must be. */
        static byte[] frame(String text) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            int head = payload.length < 126 ? 2 : 4;
            byte[] frame = new byte[head + 4 + payload.length];
            frame[0] = (byte) 0x81;
            if (head == 2) {
                frame[1] = (byte) (0x80 | payload.length);
            } else {
                frame[1] = (byte) (0x80 | 126);
                frame[2] = (byte) (payload.length >> 8);
                frame[3] = (byte) payload.length;
            }
            byte[] mask = randomBytes(4);
            System.arraycopy(mask, 0, frame, head, 4);
            for (int i = 0; i < payload.length; i++) {
                frame[head + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
            }
            return frame;
        }

        /** Writes all of {@code bytes}: a few hundred bytes on a socket that is read promptly always fit its buffer. */
        void send(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            channel.write(buffer);
            if (buffer.hasRemaining()) {
                throw new IOException("send buffer full");
            }
        }
    }

    // --- HTTP -------------------------------------------------------------------------------

    record Answer(int status, String body, double ms, double at) { }

    static Answer request(String base, String method, String path, String token, String json) {
        try {
            return requestAsync(base, method, path, token, json).get();
        } catch (Exception e) {
            return new Answer(0, e.toString(), 0, wallClock());
        }
    }

    static CompletableFuture<Answer> requestAsync(String base, String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        double started = wallClock();
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> {
                    double at = wallClock();
                    return new Answer(r.statusCode(), r.body(), at - started, at);
                })
                .exceptionally(e -> new Answer(0, e.toString(), wallClock() - started, wallClock()));
    }

    /** Each of {@code likers} likes the reel, one every 1/rate s on schedule; onOk(i, answer) on each 200. */
    static List<Answer> likeAtRate(String base, String reelId, List<String> likers, int rate, OnOk onOk) throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long t0 = System.nanoTime();
        List<CompletableFuture<Answer>> sent = new ArrayList<>();
        for (int i = 0; i < likers.size(); i++) {
            long wait = t0 + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int like = i;
            sent.add(requestAsync(base, "POST", "/api/v1/reels/" + reelId + "/like", likers.get(i), null).thenApply(a -> {
                if (a.status() == 200) {
                    onOk.accept(like, a);
                }
                return a;
            }));
        }
        List<Answer> answers = new ArrayList<>();
        for (CompletableFuture<Answer> a : sent) {
            answers.add(a.get());
        }
        return answers;
    }

    interface OnOk {
        void accept(int like, Answer answer);
    }

    interface Work<T> {
        String apply(T item) throws Exception;
    }

    static <T> List<String> pool(List<T> items, int concurrency, Work<T> work) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(workers.submit(() -> work.apply(item)));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            workers.shutdown();
        }
    }

    static String token(String base, String email, String sellerCategory) throws IOException {
        Answer login = request(base, "POST", "/api/v1/dev-auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"bench-pass\"}");
        if (login.status() != 200) {
            throw new IOException("login " + email + ": " + login.status() + " " + login.body());
        }
        String token = field(login.body(), "access_token");
        if (sellerCategory != null) {
            Answer role = request(base, "POST", "/api/v1/auth/sync-role", token,
                    "{\"role\":\"seller\",\"seller_category\":\"" + sellerCategory + "\"}");
            if (role.status() != 200) {
                throw new IOException("sync-role: " + role.status() + " " + role.body());
            }
        }
        return token;
    }

    static List<String> tokens(String base, String prefix, int count) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Integer> numbers = java.util.stream.IntStream.range(0, count).boxed().toList();
        return pool(numbers, 16, i -> token(base, prefix + "-" + run + "-" + i + "@zst.test", null));
    }

    /** A product and a reel of a new fournisseur seller; answers the reel id. */
    static String reel(String base) throws IOException {
        long now = System.nanoTime();
        String seller = token(base, "bench-reel-seller-" + now + "@zst.test", "fournisseur");
        Answer product = request(base, "POST", "/api/v1/products", seller, "{\"name\":\"Bench reel product " + now
                + "\",\"price\":1500,\"stock\":10,\"category\":\"beauty\",\"images\":[\"https://cdn.zst.test/bench.jpg\"]}");
        if (product.status() != 201) {
            throw new IOException("product: " + product.status() + " " + product.body());
        }
        String productId = field(product.body(), "id");
        Answer created = request(base, "POST", "/api/v1/reels", seller, "{\"product_id\":\"" + productId
                + "\",\"video_url\":\"https://cdn.zst.test/bench.mp4\",\"video_storage_path\":\"reels/" + productId
                + "/bench.mp4\",\"caption\":\"bench\"}");
        if (created.status() != 201) {
            throw new IOException("reel: " + created.status() + " " + created.body());
        }
        return field(created.body(), "id");
    }

    /** The first string field {@code name} of a JSON text (the bench's answers are flat enough). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? m.group(1) : "NaN";
    }

    /**
     * The server's sends of held crowd pushes so far ({@code zst.realtime.crowd.sends}: each event
     * loop's writes of one interval's pushes to its sockets), from /actuator/prometheus on the
     * server's management port (METRICS_URL; not the API's): how many, their total seconds, and the
     * longest of the last minutes.
     */
    static double[] crowdSends(String base) {
        String metrics = envOr("METRICS_URL", "http://127.0.0.1:3002");
        String text = request(metrics, "GET", "/actuator/prometheus", null, null).body();
        return new double[] {metric(text, "zst_realtime_crowd_sends_seconds_count"),
                metric(text, "zst_realtime_crowd_sends_seconds_sum"), metric(text, "zst_realtime_crowd_sends_seconds_max")};
    }

    static double metric(String text, String name) {
        Matcher m = Pattern.compile("^" + name + "(?:\\{[^}]*\\})? (\\S+)", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    // --- measuring ------------------------------------------------------------------------

    /** Waits until count has not moved for 3 s (at most 5 min); answers when it last moved (wall-clock ms). */
    static double drained(java.util.function.LongSupplier count) throws InterruptedException {
        double start = wallClock();
        long last = -1;
        double quietSince = wallClock();
        while (wallClock() - quietSince < 3000 && wallClock() - start < 300_000) {
            Thread.sleep(250);
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                quietSince = wallClock();
            }
        }
        return quietSince;
    }

    /** CPU seconds so far of the server (SERVER_PID) and of this client, and when. */
    static double[] cpu() throws IOException {
        double server = Double.NaN;
        String pid = System.getenv("SERVER_PID");
        if (pid != null) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            server = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        }
        double client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new double[] {server, client, wallClock()};
    }

    static void cpuLine(String prefix, double[] before) throws IOException {
        double[] after = cpu();
        double seconds = (after[2] - before[2]) / 1000;
        System.out.printf("%s_seconds=%.1f %s_server_cores=%.2f %s_client_cores=%.2f%n", prefix, seconds,
                prefix, (after[0] - before[0]) / seconds, prefix, (after[1] - before[1]) / seconds);
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    static void latencyLine(String prefix, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf("%s_p50_ms=%.1f %s_p95_ms=%.1f %s_p99_ms=%.1f %s_max_ms=%.1f%n", prefix, percentile(sorted, 50),
                prefix, percentile(sorted, 95), prefix, percentile(sorted, 99), prefix,
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    }

    // --- bytes ----------------------------------------------------------------------------

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    static boolean startsWith(byte[] bytes, int start, int end, byte[] prefix) {
        return end - start >= prefix.length && Arrays.equals(bytes, start, start + prefix.length, prefix, 0, prefix.length);
    }

    static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
