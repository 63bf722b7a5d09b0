import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages benchmark of issue 23, run from source on the JDK (no dependencies):
 * CONVERSATIONS conversations (a shopper each, a fournisseur for every five, about its product),
 * both participants connected by a Socket.IO v4 socket over websocket; RATE messages a second
 * spread round-robin over the conversations (one in five sent by the seller, the others by the
 * shopper, so nobody nears the 30-a-minute limit) for WARMUP seconds, then SECONDS measured.
 * For each measured message: the send's latency, and the delay from its 201 response to the
 * other participant's message:new (0 when the push came first, counted); lost = answered 201 and
 * never pushed to the other participant within 10 s of the end. The measured posts go over plain
 * HTTP/1.1 sockets ({@link Post}), the set-up over the JDK's HttpClient.
 *
 * Usage: java MessageBench.java BASE_URL REALTIME_PORT CONVERSATIONS RATE SECONDS WARMUP
 */
public final class MessageBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    static final Pattern MESSAGE_ID = Pattern.compile("\"message\":\\{\"id\":\"([0-9a-f-]{36})\"");

    record User(String token, String id) {
    }

    record Sent(String messageId, int recipient, long sentNanos, long answeredNanos, int status) {
    }

    /** Arrival of a message:new at user index → its nanos, keyed "messageId|user". */
    static final Map<String, Long> ARRIVALS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int realtimePort = Integer.parseInt(args[1]);
        int conversations = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int warmupRate = args.length > 6 ? Integer.parseInt(args[6]) : rate;
        String run = Long.toString(System.currentTimeMillis(), 36);
        int sellersCount = Math.max(1, conversations / 5);

        long t0 = System.nanoTime();
        List<User> sellers = parallel(sellersCount, 32, i -> {
            User user = signIn(base, "bench-msg-sel-" + i + "-" + run + "@zst.bench");
            call(base, "POST", "/api/v1/auth/sync-role", user.token(),
                    "{\"role\":\"seller\",\"seller_category\":\"fournisseur\"}", 200);
            return user;
        });
        List<String> products = parallel(sellersCount, 32, i -> field(ID, call(base, "POST", "/api/v1/products",
                sellers.get(i).token(), "{\"name\":\"Parfum banc " + i + " " + run + "\",\"price\":2500,\"stock\":100,"
                        + "\"category\":\"perfume\",\"images\":[\"https://cdn.zst.bench/p.jpg\"]}", 201)));
        List<User> shoppers = parallel(conversations, 32, i -> signIn(base, "bench-msg-shop-" + i + "-" + run
                + "@zst.bench"));
        // users[0..conversations) shoppers, then the sellers; conversation i: shopper i, seller i % sellers.
        List<User> users = new ArrayList<>(shoppers);
        users.addAll(sellers);
        List<String> ids = parallel(conversations, 32, i -> {
            String answer = call(base, "POST", "/api/v1/conversations", shoppers.get(i).token(),
                    "{\"recipient_id\":\"" + sellers.get(i % sellersCount).id() + "\",\"subject\":{\"type\":\"product\","
                            + "\"id\":\"" + products.get(i % sellersCount) + "\"},\"message\":\"Bonjour\"}", 201);
            return field(ID, answer);
        });
        System.out.printf("setup: %d conversations, %d users in %.1f s%n", conversations, users.size(),
                (System.nanoTime() - t0) / 1e9);

        List<WebSocket> sockets = parallel(users.size(), 64, i -> connect(realtimePort, users.get(i).token(), i));
        System.out.printf("sockets: %d connected%n", sockets.size());

        System.out.println("warm-up " + warmup + " s at " + warmupRate + "/s");
        drive(base, users, ids, conversations, sellersCount, warmupRate, warmup, 0);
        System.out.println("measured " + seconds + " s at " + rate + "/s");
        List<Sent> measured = drive(base, users, ids, conversations, sellersCount, rate, seconds, 1_000_000);
        System.out.println("answered");
        Thread.sleep(10_000);

        long ok = measured.stream().filter(s -> s.status() == 201).count();
        long errors = measured.size() - ok;
        List<Double> sends = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        long lost = 0;
        long pushedFirst = 0;
        for (Sent sent : measured) {
            sends.add((sent.answeredNanos() - sent.sentNanos()) / 1e6);
            if (sent.status() != 201) {
                continue;
            }
            Long arrived = ARRIVALS.get(sent.messageId() + "|" + sent.recipient());
            if (arrived == null) {
                lost++;
                continue;
            }
            double delay = (arrived - sent.answeredNanos()) / 1e6;
            if (delay < 0) {
                pushedFirst++;
                delay = 0;
            }
            delays.add(delay);
        }
        System.out.printf("messages: %d sent in %d s (%.1f/s), %d answered 201, %d errors%n", measured.size(), seconds,
                measured.size() / (double) seconds, ok, errors);
        System.out.println("send latency ms: " + percentiles(sends));
        System.out.println("delay from the 201 to the other participant's message:new, ms: " + percentiles(delays)
                + " (" + pushedFirst + " pushed before their 201)");
        System.out.println("lost: " + lost);
        sockets.forEach(ws -> ws.abort());
        System.exit(0);
    }

    /** RATE sends a second, open loop; answers what was sent when {@code keep} > 0. */
    static List<Sent> drive(String base, List<User> users, List<String> ids, int conversations, int sellers, int rate,
                            int seconds, int keep) throws Exception {
        List<CompletableFuture<Sent>> sends = new ArrayList<>();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        AtomicInteger inFlight = new AtomicInteger();
        for (int k = 0; k < total; k++) {
            long due = start + k * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int conversation = k % conversations;
            boolean bySeller = (k / conversations) % 5 == 0;
            int sender = bySeller ? conversations + conversation % sellers : conversation;
            int recipient = bySeller ? conversation : conversations + conversation % sellers;
            String body = "{\"content\":\"Message " + k + " : encore une question sur le produit\"}";
            long sent = System.nanoTime();
            inFlight.incrementAndGet();
            String path = "/api/v1/conversations/" + ids.get(conversation) + "/messages";
            String token = users.get(sender).token();
            CompletableFuture<Sent> answer = CompletableFuture.supplyAsync(() -> {
                Post post = POSTS.get();
                int status;
                try {
                    status = post.send(URI.create(base), path, token, body);
                } catch (IOException e) {
                    status = -1;
                }
                long answered = System.nanoTime();
                inFlight.decrementAndGet();
                String id = status == 201 ? field(ID, post.answer()) : null;
                return new Sent(id, recipient, sent, answered, status);
            }, SENDERS);
            if (keep > 0) {
                sends.add(answer);
            }
        }
        List<Sent> all = new ArrayList<>();
        for (CompletableFuture<Sent> send : sends) {
            all.add(send.get(60, TimeUnit.SECONDS));
        }
        while (inFlight.get() > 0) {
            Thread.sleep(10);
        }
        return all;
    }

    /**
     * The measured posts' threads, each with its own HTTP/1.1 connection ({@link Post}): enough for
     * a backlog of seconds at 200 a second, mostly parked. The JDK's HttpClient cost 0.4 ms of client
     * CPU a request in the hot auction's bench; here the client shares the two cores with the platform.
     */
    static final ExecutorService SENDERS = Executors.newFixedThreadPool(256, r -> {
        Thread thread = new Thread(r, "post");
        thread.setDaemon(true);
        return thread;
    });
    static final ThreadLocal<Post> POSTS = ThreadLocal.withInitial(Post::new);

    /** One sender thread's HTTP/1.1 connection (bench/shared/Http11Connection), opened on its first post. */
    static final class Post {
        private Http11Connection connection;

        /** POSTs {@code json} and reads the answer: its status, its body in {@link #answer()}. */
        int send(URI base, String path, String token, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            if (connection == null) {
                connection = new Http11Connection(base.getHost(), base.getPort());
            }
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            return connection.exchange(request);
        }

        String answer() {
            return connection.answer();
        }
    }

    /** A Socket.IO v4 client on /realtime over websocket, signed in, recording each message:new. */
    static WebSocket connect(int port, String token, int user) throws Exception {
        CountDownLatch joined = new CountDownLatch(1);
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                long now = System.nanoTime();
                partial.append(data);
                if (last) {
                    String packet = partial.toString();
                    partial.setLength(0);
                    if (packet.startsWith("0")) {
                        ws.sendText("40/realtime,{\"token\":\"" + token + "\"}", true);
                    } else if (packet.equals("2")) {
                        ws.sendText("3", true);
                    } else if (packet.startsWith("40/realtime")) {
                        joined.countDown();
                    } else if (packet.startsWith("42/realtime,[\"message:new\"")) {
                        Matcher m = MESSAGE_ID.matcher(packet);
                        if (m.find()) {
                            ARRIVALS.putIfAbsent(m.group(1) + "|" + user, now);
                        }
                    } else if (packet.startsWith("44/realtime")) {
                        System.err.println("refused: " + packet);
                    }
                }
                ws.request(1);
                return null;
            }
        };
        WebSocket ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), listener)
                .get(20, TimeUnit.SECONDS);
        if (!joined.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("socket of user " + user + " not joined");
        }
        return ws;
    }

    static User signIn(String base, String email) {
        String token = field(TOKEN, call(base, "POST", "/api/v1/dev-auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"bench-pass\"}", 200));
        String id = field(ID, call(base, "GET", "/api/v1/auth/me", token, null, 200));
        return new User(token, id);
    }

    static String call(String base, String method, String path, String token, String json, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    interface Step<T> {
        T apply(int i) throws Exception;
    }

    static <T> List<T> parallel(int count, int concurrency, Step<T> step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> step.apply(n)));
            }
            List<T> results = new ArrayList<>();
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    static String field(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + json);
        }
        return m.group(1);
    }

    static String percentiles(List<Double> values) {
        if (values.isEmpty()) {
            return "none";
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("p50 %.1f, p95 %.1f, p99 %.1f, max %.1f (n %d)", at(sorted, 0.50), at(sorted, 0.95),
                at(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
    }

    static double at(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
