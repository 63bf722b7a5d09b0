import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The fault suite's client (issue 24, bench/faults.sh), run from source on the JDK with the
 * socket.io-client jars of ~/.m2 on the class path:
 *
 * <pre>
 *   seed KEY ISSUER BASE STATE USERS          sellers, products, reels, long auctions, USERS customers
 *   run  KEY ISSUER BASE STATE SCENARIO INDEX FAULT_AT SOCKETS CONTROL_DIR OUT_DIR
 *   sockets KEY ISSUER BASE STATE SCENARIO COUNT OFFSET CONTROL_DIR OUT_DIR
 * </pre>
 *
 * {@code sockets} is another process's share of a run's sockets (from client number OFFSET); with
 * {@code -Dsocket.processes=N} the run waits for the N - 1 others' records and reports all sockets.
 *
 * Users sign in with session tokens the client signs as Clerk would (RS256, the private half of the
 * CLERK_JWT_KEY the nodes were given), as bench/notifications/NewOfferBench.java does: a user is
 * registered on its first request, with no BCrypt per user.
 *
 * {@code run} connects SOCKETS Socket.IO clients (the real Java client, polling then websocket, with
 * its own reconnection, as the app's) through BASE, each from its own loopback address (its sockets
 * bound to 127.a.b.1, a different /24 each, so that nginx's stickiness by client address spreads them
 * over the nodes as it would real clients), each in one reel's room; then drives an open-loop mix
 * through BASE (guest and signed-in browsing, reel views, likes and comments, carts and checkouts of
 * products of small stock, B2B bids) until CONTROL_DIR/stop exists. bench/faults.sh writes the fault
 * timeline into CONTROL_DIR/events ("EPOCH_MS LABEL" lines, a label starting "fault" being the
 * moment a part failed). Afterwards: requests by route and status, acknowledged writes (OUT_DIR/acked.csv
 * for the SQL checks), and per fault the sockets it disconnected: their reconnection and first push
 * after it, from the fault's moment.
 */
public final class FaultBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern ITEM_ID = Pattern.compile("\"item\"\\s*:\\s*\\{\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern COMMENT_ID = Pattern.compile("\"comment\"\\s*:\\s*\\{\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern ORDER_ID = Pattern.compile("\\{\"id\"\\s*:\\s*\"([0-9a-f-]{36})\",\"order_number\"");
    static final int REELS = 10;
    static final int NORMAL_PRODUCTS = 20;
    static final int HOT_PRODUCTS = 10;
    static final int HOT_STOCK = 20;
    static final int LONG_AUCTIONS = 10;
    static final int CLOSING_AUCTIONS = 20;
    static final int BIDDERS = 20;
    static final int MAX_IN_FLIGHT = 400;

    static PrivateKey key;
    static String issuer;

    public static void main(String[] args) throws Exception {
        String pem = Files.readString(Path.of(args[1])).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        issuer = args[2];
        switch (args[0]) {
            case "seed" -> seed(args[3], Path.of(args[4]), Integer.parseInt(args[5]));
            case "run" -> new Run(args[3], Path.of(args[4]), args[5], Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]), Integer.parseInt(args[8]), Path.of(args[9]), Path.of(args[10])).run();
            // sockets KEY ISSUER BASE STATE SCENARIO COUNT OFFSET CONTROL_DIR OUT_DIR: only sockets, for another process
            case "sockets" -> new Run(args[3], Path.of(args[4]), args[5], 0, 0, Integer.parseInt(args[6]),
                    Path.of(args[8]), Path.of(args[9])).socketsOnly(Integer.parseInt(args[7]));
            default -> throw new IllegalArgumentException("seed, run or sockets");
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- tokens and calls

    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** A session token as Clerk signs one (RS256), valid for three hours; one per user and run (signing costs the shared cores). */
    static String token(String name) {
        return TOKENS.computeIfAbsent(name, FaultBench::sign);
    }

    static String sign(String name) {
        try {
            long now = Instant.now().getEpochSecond();
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = url.encodeToString(String.format(
                    "{\"sub\":\"user_faults_%s\",\"iss\":\"%s\",\"iat\":%d,\"nbf\":%d,\"exp\":%d,\"email\":\"faults-%s@zst.bench\"}",
                    name.replace('-', '_'), issuer, now, now - 5, now + 3 * 3600, name).getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + url.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(String base, String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** A setup call: retried a few times (a node may still be warming up), then it must answer {@code expected}. */
    static String call(String base, String method, String path, String token, String json, int expected) {
        String last = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                HttpResponse<String> response = HTTP.send(request(base, method, path, token, json).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == expected) {
                    return response.body();
                }
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() < 500) {
                    break;
                }
            } catch (Exception e) {
                last = e.toString();
            }
            sleep(1000);
        }
        throw new IllegalStateException(method + " " + path + ": " + last);
    }

    static String seller(String base, String name, String tier) {
        String token = token(name);
        call(base, "POST", "/api/v1/auth/sync-role", token, "{\"role\":\"seller\",\"seller_category\":\"" + tier + "\"}", 200);
        return token;
    }

    static String product(String base, String seller, String name, int stock) {
        return field(ID, call(base, "POST", "/api/v1/products", seller, "{\"name\":\"" + name + "\",\"brand\":\"Banc\","
                + "\"price\":" + (800 + ThreadLocalRandom.current().nextInt(4000)) + ",\"stock\":" + stock
                + ",\"category\":\"beauty\",\"images\":[\"https://cdn.zst.bench/f.jpg\"]}", 201));
    }

    static String auction(String base, String importateur, String title, Instant endsAt) {
        return field(ID, call(base, "POST", "/api/v1/b2b/offers", importateur, String.format(
                "{\"title\":\"%s\",\"base_price\":1000,\"min_quantity\":10,\"available_quantity\":1000,"
                        + "\"offer_type\":\"auction\",\"target_category\":\"grossiste\",\"starts_at\":\"%s\",\"ends_at\":\"%s\"}",
                title, Instant.now().minusSeconds(5), endsAt), 201));
    }

    // ---------------------------------------------------------------- seed

    static void seed(String base, Path state, int users) throws Exception {
        long t0 = System.nanoTime();
        String fournisseur = seller(base, "fournisseur", "fournisseur");
        String importateur = seller(base, "importateur", "importateur");
        parallel(BIDDERS, 8, i -> seller(base, "grossiste-" + i, "grossiste"));
        List<String> products = parallel(NORMAL_PRODUCTS, 8, i -> product(base, fournisseur, "Parfum du banc " + i, 1_000_000));
        List<String> reels = parallel(REELS, 4, i -> field(ID, call(base, "POST", "/api/v1/reels", fournisseur,
                "{\"product_id\":\"" + products.get(i) + "\",\"video_url\":\"https://cdn.zst.bench/r" + i + ".mp4\","
                        + "\"video_storage_path\":\"reels/" + products.get(i) + "/video.mp4\",\"duration\":15,"
                        + "\"caption\":\"Reel du banc " + i + "\"}", 201)));
        List<String> auctions = parallel(LONG_AUCTIONS, 4, i -> auction(base, importateur, "Lot long du banc " + i,
                Instant.now().plus(Duration.ofHours(6))));
        AtomicInteger done = new AtomicInteger();
        List<String> userIds = parallel(users, 16, i -> {
            String id = field(ID, call(base, "GET", "/api/v1/auth/me", token("customer-" + i), null, 200));
            if (done.incrementAndGet() % 500 == 0) {
                System.out.printf("seeded %d customers%n", done.get());
            }
            return id;
        });
        // The bench's admin (ZST_ADMIN_EMAILS), for /api/v1/admin/projections.
        Files.writeString(state.resolveSibling("admin-token"), token("admin"));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(state))) {
            out.println("products " + String.join(" ", products));
            out.println("reels " + String.join(" ", reels));
            out.println("auctions " + String.join(" ", auctions));
            for (int i = 0; i < userIds.size(); i++) {
                out.println("user " + i + " " + userIds.get(i));
            }
        }
        System.out.printf("seeded %d products, %d reels, %d long auctions, %d bidders, %d customers in %.1f s%n",
                products.size(), reels.size(), auctions.size(), BIDDERS, users, (System.nanoTime() - t0) / 1e9);
    }

    // ---------------------------------------------------------------- run

    record Request(String route, int status, long startMs, long endMs) {
    }

    /** One Socket.IO client: its connections, disconnections and pushes (epoch ms), appended on socket.io's event thread. */
    static final class Client {
        final int index;
        final List<Long> connects = Collections.synchronizedList(new ArrayList<>());
        final List<Long> disconnects = Collections.synchronizedList(new ArrayList<>());
        final List<Long> pushes = Collections.synchronizedList(new ArrayList<>());
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        /** The Manager's reconnection attempts, and the errors that ended one (epoch ms, then the message). */
        final List<Long> attempts = Collections.synchronizedList(new ArrayList<>());
        final List<String> attemptErrors = Collections.synchronizedList(new ArrayList<>());
        volatile Socket socket;

        Client(int index) {
            this.index = index;
        }
    }

    static final class Run {
        final String base;
        final String scenario;
        final int index;
        final int faultAt;
        final int socketCount;
        final Path control;
        final Path out;
        final List<String> products = new ArrayList<>();
        final List<String> reels = new ArrayList<>();
        final List<String> longAuctions = new ArrayList<>();
        final Map<Integer, String> userIds = new HashMap<>();
        final List<String> hot = new ArrayList<>();
        final List<String> closing = new ArrayList<>();
        final Map<String, Instant> closingEnds = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        final List<Client> clients = new ArrayList<>();
        final String run = Long.toString(System.currentTimeMillis(), 36);
        String fournisseur;
        String importateur;
        long loadStart;
        /** The first client's number: its loopback address and its user (another process's sockets start further on). */
        int socketOffset;

        Run(String base, Path state, String scenario, int index, int faultAt, int sockets, Path control, Path out)
                throws IOException {
            this.base = base;
            this.scenario = scenario;
            this.index = index;
            this.faultAt = faultAt;
            this.socketCount = sockets;
            this.control = control;
            this.out = out;
            for (String line : Files.readAllLines(state)) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "products" -> products.addAll(List.of(words).subList(1, words.length));
                    case "reels" -> reels.addAll(List.of(words).subList(1, words.length));
                    case "auctions" -> longAuctions.addAll(List.of(words).subList(1, words.length));
                    case "user" -> userIds.put(Integer.parseInt(words[1]), words[2]);
                    default -> { }
                }
            }
        }

        void run() throws Exception {
            Files.createDirectories(out);
            fournisseur = token("fournisseur");
            importateur = token("importateur");
            hot.addAll(parallel(HOT_PRODUCTS, 4, i -> product(base, fournisseur, "Rare " + scenario + " " + run + " " + i,
                    HOT_STOCK)));
            connectSockets();
            // Auctions ending around the fault and in the minute after it (the fault comes FAULT_AT s after "load started").
            Instant faultAtInstant = Instant.now().plusSeconds(faultAt);
            closing.addAll(parallel(CLOSING_AUCTIONS, 4, i -> {
                Instant ends = faultAtInstant.plusMillis(-2000 + i * 62_000L / (CLOSING_AUCTIONS - 1));
                String id = auction(base, importateur, "Lot qui ferme " + scenario + " " + run + " " + i, ends);
                closingEnds.put(id, ends);
                return id;
            }));
            loadStart = System.currentTimeMillis();
            System.out.println("load started " + loadStart);
            System.out.flush();
            drive();
            System.out.println("load stopped " + System.currentTimeMillis());
            for (int i = 0; i < 300 && inFlight.get() > 0; i++) {
                sleep(100);
            }
            sleep(5000);
            report();
            clients.stream().filter(c -> c.socket != null).forEach(c -> c.socket.close());
        }

        // ------------------------------------------------------------ sockets

        /**
         * Another process's share of the sockets: socket.io's Java client runs every socket of a JVM on
         * one event thread, which 1,000 sockets reconnecting at once kept seconds behind (the node
         * answered a handshake in 1 ms, the client sent its next request 4.5 s later), so the sockets
         * are spread over SOCKET_PROCESSES JVMs as they are over phones. Connects COUNT sockets from
         * OFFSET, waits for the run's stop, and leaves each one's record in OUT_DIR/sockets-OFFSET.txt
         * for the run's report.
         */
        void socketsOnly(int offset) throws Exception {
            socketOffset = offset;
            connectSockets();
            System.out.flush();
            Path stop = control.resolve("stop");
            while (!Files.exists(stop)) {
                sleep(200);
            }
            sleep(2000);
            List<String> lines = new ArrayList<>();
            for (Client c : clients) {
                lines.add(c.index + "|" + join(c.connects) + "|" + join(c.disconnects) + "|" + join(c.pushes) + "|"
                        + c.errors.size() + "|" + join(c.attempts) + "|" + String.join(";", c.attemptErrors));
            }
            Path raw = out.resolve("sockets-" + offset + ".txt");
            Files.write(out.resolve("sockets-" + offset + ".tmp"), lines);
            Files.move(out.resolve("sockets-" + offset + ".tmp"), raw, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            clients.forEach(c -> c.socket.close());
        }

        private static String join(List<Long> times) {
            synchronized (times) {
                return times.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
            }
        }

        /** The other processes' sockets (socketsOnly), waited for up to 30 s each, added to this run's for the report. */
        void collectOtherProcessesSockets() throws IOException {
            int expected = Integer.getInteger("socket.processes", 1) - 1;
            long deadline = System.currentTimeMillis() + 30_000;
            List<Path> files = List.of();
            while (System.currentTimeMillis() < deadline) {
                try (var listing = Files.list(out)) {
                    files = listing.filter(f -> f.getFileName().toString().matches("sockets-\\d+\\.txt")).toList();
                }
                if (files.size() >= expected) {
                    break;
                }
                sleep(200);
            }
            if (files.size() < expected) {
                System.out.printf("sockets: only %d of the %d other processes' records%n", files.size(), expected);
            }
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    String[] parts = line.split("\\|", -1);
                    Client c = new Client(Integer.parseInt(parts[0]));
                    c.connects.addAll(times(parts[1]));
                    c.disconnects.addAll(times(parts[2]));
                    c.pushes.addAll(times(parts[3]));
                    for (int i = 0; i < Integer.parseInt(parts[4]); i++) {
                        c.errors.add("(another process)");
                    }
                    c.attempts.addAll(times(parts[5]));
                    if (!parts[6].isEmpty()) {
                        c.attemptErrors.addAll(List.of(parts[6].split(";")));
                    }
                    clients.add(c);
                }
            }
        }

        private static List<Long> times(String joined) {
            return joined.isEmpty() ? List.of() : Arrays.stream(joined.split(",")).map(Long::valueOf).toList();
        }

        void connectSockets() throws Exception {
            if (socketCount == 0) {
                return;  // every socket in other processes (bench/faults/sockets.mjs)
            }
            Dispatcher dispatcher = new Dispatcher();
            // Polling keeps a request in flight per socket: OkHttp's default (5 per host) would queue them.
            dispatcher.setMaxRequests(10_000);
            dispatcher.setMaxRequestsPerHost(10_000);
            OkHttpClient shared = new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(Duration.ofMinutes(1))
                    .connectTimeout(Duration.ofSeconds(10)).build();
            CountDownLatch joined = new CountDownLatch(socketCount);
            for (int k = 0; k < socketCount; k++) {
                int i = socketOffset + k;
                Client client = new Client(i);
                clients.add(client);
                InetAddress local = InetAddress.getByAddress(new byte[]{127, (byte) (1 + i / 250), (byte) (i % 250), 1});
                // A pool of its own: OkHttp's pool tells connections apart by address, not by socket factory,
                // so a shared one lent one client's connection (another source address, another node) to another.
                OkHttpClient own = shared.newBuilder().socketFactory(new BoundSocketFactory(local))
                        .connectionPool(new ConnectionPool(2, 1, TimeUnit.MINUTES)).build();
                IO.Options options = new IO.Options();
                options.callFactory = own;
                options.webSocketFactory = own;
                options.auth = Map.of("token", token("customer-" + i));
                // TRANSPORTS: the app's client starts with polling and upgrades (the default); "websocket"
                // opens a websocket at once.
                options.transports = System.getProperty("transports", "polling,websocket").split(",");
                options.reconnectionDelay = 1000;
                options.reconnectionDelayMax = 5000;
                Socket socket = IO.socket(URI.create(base + "/realtime"), options);
                client.socket = socket;
                String reel = reels.get(i % reels.size());
                boolean[] first = {true};
                socket.on(Socket.EVENT_CONNECT, a -> {
                    client.connects.add(System.currentTimeMillis());
                    // As the app does after every (re)connection: back into the room it watches.
                    socket.emit("reel:join", new Object[]{reel}, (Ack) r -> {
                        if (first[0]) {
                            first[0] = false;
                            joined.countDown();
                        }
                    });
                });
                socket.on(Socket.EVENT_DISCONNECT, a -> client.disconnects.add(System.currentTimeMillis()));
                socket.io().on(io.socket.client.Manager.EVENT_RECONNECT_ATTEMPT,
                        a -> client.attempts.add(System.currentTimeMillis()));
                socket.io().on(io.socket.client.Manager.EVENT_RECONNECT_ERROR, a -> client.attemptErrors.add(
                        System.currentTimeMillis() + " " + (a.length > 0 ? String.valueOf(a[0]).replace('|', '/') : "")));
                socket.on(Socket.EVENT_CONNECT_ERROR, a -> client.errors.add(System.currentTimeMillis() + " "
                        + (a.length > 0 ? a[0] : "")));
                for (String event : List.of("reel:liked", "reel:view", "reel:commented")) {
                    socket.on(event, a -> client.pushes.add(System.currentTimeMillis()));
                }
                socket.connect();
                if (k % 50 == 49) {
                    sleep(200);
                }
            }
            if (!joined.await(120, TimeUnit.SECONDS)) {
                System.out.println("sockets: only " + (socketCount - joined.getCount()) + " of " + socketCount + " joined");
            }
            System.out.printf("sockets: %d connected and in their reel's room%n", socketCount - joined.getCount());
        }

        // ------------------------------------------------------------ load

        /** The mix, per second (about 130 requests). */
        void drive() throws Exception {
            Path stop = control.resolve("stop");
            long tick = 0;
            long likeBase = (long) index * 5000;
            AtomicLong likes = new AtomicLong();
            int users = userIds.size();
            long start = System.nanoTime();
            // 10 ms ticks; each kind is sent on the ticks its rate gives.
            // LOAD (percent, default 100) stretches the 10 ms tick: every rate scales with it.
            long tickNanos = 10_000_000L * 100 / Integer.getInteger("load", 100);
            while (!Files.exists(stop)) {
                long due = start + tick * tickNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int user = random.nextInt(users);
                if (tick % 5 == 0) { // 20/s guest product lists
                    get("guest list", "/api/v1/products?page=" + (1 + random.nextInt(3)) + "&limit=20", null);
                }
                if (tick % 4 == 1) { // 25/s guest product pages
                    get("guest product", "/api/v1/products/" + pick(products, random), null);
                }
                if (tick % 7 == 2) { // ~14/s signed-in lists
                    get("signed list", "/api/v1/products?limit=20&sort_by=price&sort_order=ASC", token("customer-" + user));
                }
                if (tick % 5 == 3) { // 20/s signed-in product pages, the small-stock ones among them
                    String product = random.nextInt(4) == 0 ? pick(hot, random) : pick(products, random);
                    get("signed product", "/api/v1/products/" + product, token("customer-" + user));
                }
                if (tick % 20 == 4) { // 5/s reel feeds
                    get("reels", "/api/v1/reels?limit=10", random.nextBoolean() ? null : token("customer-" + user));
                }
                if (tick % 10 == 5) { // 10/s views: one per reel a second, each a new device, so each pushes reel:view
                    String reel = reels.get((int) ((tick / 10) % reels.size()));
                    send("view", request(base, "POST", "/api/v1/reels/" + reel + "/view", null,
                            "{\"device_id\":\"faults-" + run + "-" + tick + "\"}"), null);
                }
                if (tick % 10 == 6) { // 10/s likes, each reel one a second; every (user, reel) once in the suite
                    long k = likeBase + likes.getAndIncrement();
                    int liker = (int) (k % users);
                    String reel = reels.get((int) ((k + k / users) % reels.size()));
                    send("like", request(base, "POST", "/api/v1/reels/" + reel + "/like", token("customer-" + liker), null),
                            r -> "like," + reel + "," + userIds.get(liker));
                }
                if (tick % 50 == 7) { // 2/s comments
                    String reel = pick(reels, random);
                    send("comment", request(base, "POST", "/api/v1/reels/" + reel + "/comments", token("customer-" + user),
                            "{\"content\":\"Super produit " + tick + "\"}"), r -> "comment," + field(COMMENT_ID, r) + "," + reel);
                }
                if (tick % 33 == 8) { // 3/s signed-in cart then checkout of it
                    cartThenCheckout(user, random);
                }
                if (tick % 50 == 9) { // 2/s guest checkouts
                    String items = items(random);
                    send("guest checkout", request(base, "POST", "/api/v1/orders", null, checkout(user, items)),
                            FaultBench::orders);
                }
                if (tick % 25 == 10) { // 4/s bids
                    bid(random);
                }
                tick++;
            }
        }

        String items(ThreadLocalRandom random) {
            String items = "{\"product_id\":\"" + pick(products, random) + "\",\"quantity\":" + (1 + random.nextInt(2)) + "}";
            if (random.nextBoolean()) {
                items += ",{\"product_id\":\"" + pick(hot, random) + "\",\"quantity\":" + (1 + random.nextInt(2)) + "}";
            }
            return items;
        }

        String checkout(int user, String items) {
            return String.format("{\"customer_name\":\"Client %d\",\"customer_phone\":\"05%08d\",\"shipping_address\":"
                    + "\"%d rue Didouche Mourad, Alger centre\",\"customer_wilaya\":\"Alger\",\"payment_method\":\"cod\","
                    + "\"items\":[%s]}", user, user, user % 300 + 1, items);
        }

        void cartThenCheckout(int user, ThreadLocalRandom random) {
            String token = token("customer-" + user);
            String product = random.nextBoolean() ? pick(hot, random) : pick(products, random);
            int quantity = 1 + random.nextInt(2);
            String item = "{\"product_id\":\"" + product + "\",\"quantity\":" + quantity + "}";
            send("cart add", request(base, "POST", "/api/v1/cart/items", token, item), body -> "cart," + field(ITEM_ID, body))
                    .thenAccept(ok -> {
                        if (ok) {
                            send("checkout", request(base, "POST", "/api/v1/orders", token, checkout(user, item)),
                                    FaultBench::orders);
                        }
                    });
        }

        void bid(ThreadLocalRandom random) {
            long now = System.currentTimeMillis();
            String offer;
            List<String> open = new ArrayList<>();
            for (String id : closing) {
                // Not in an auction's last 5 s: a bid there would move its end (anti-sniping).
                if (closingEnds.get(id).toEpochMilli() - now > 5000) {
                    open.add(id);
                }
            }
            offer = !open.isEmpty() && random.nextBoolean() ? pick(open, random) : pick(longAuctions, random);
            // Amounts grow with time (100 DZD every 250 ms), so bids a second apart on one auction each beat the last.
            long amount = 1000 + (now - loadStart + (long) index * 3_600_000L) / 250 * 100;
            String body = "{\"response_type\":\"bid\",\"amount\":" + amount + ",\"quantity\":10}";
            send("bid", request(base, "POST", "/api/v1/b2b/offers/" + offer + "/respond",
                    token("grossiste-" + random.nextInt(BIDDERS)), body), r -> "bid," + field(ID, r) + "," + offer);
        }

        void get(String route, String path, String token) {
            send(route, request(base, "GET", path, token, null), null);
        }

        interface Acked {
            String line(String body);
        }

        java.util.concurrent.CompletableFuture<Boolean> send(String route, HttpRequest.Builder builder, Acked ack) {
            long started = System.currentTimeMillis();
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                // The platform stalls (a part down): an open loop would pile up thousands of connections.
                requests.add(new Request(route, -2, started, started));
                return java.util.concurrent.CompletableFuture.completedFuture(false);
            }
            inFlight.incrementAndGet();
            return HTTP.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                inFlight.decrementAndGet();
                int status = failure != null ? -1 : response.statusCode();
                if (status == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
                    failures.merge(route + ": 503 without Retry-After", 1, Integer::sum);
                }
                if (failure != null) {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    failures.merge(route + ": " + cause.getClass().getSimpleName() + " " + cause.getMessage(), 1, Integer::sum);
                }
                requests.add(new Request(route, status, started, System.currentTimeMillis()));
                if (ack != null && status / 100 == 2) {
                    try {
                        String line = ack.line(response.body());
                        acked.add(line.chars().filter(c -> c == ',').count() < 2 ? line + "," : line);
                    } catch (RuntimeException e) {
                        acked.add("unparsed," + route + "," + e.getMessage().replace(',', ' ').replace('\n', ' '));
                    }
                }
                return status / 100 == 2;
            });
        }

        // ------------------------------------------------------------ report

        void report() throws IOException {
            List<long[]> events = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            Path eventsFile = control.resolve("events");
            if (Files.exists(eventsFile)) {
                for (String line : Files.readAllLines(eventsFile)) {
                    String[] words = line.split(" ", 2);
                    events.add(new long[]{Long.parseLong(words[0])});
                    labels.add(words.length > 1 ? words[1] : "");
                }
            }
            List<Request> all = new ArrayList<>(requests);
            all.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
            long end = all.isEmpty() ? loadStart : all.get(all.size() - 1).endMs();
            System.out.printf("requests: %d in %.0f s (%.0f/s)%n", all.size(), (end - loadStart) / 1000.0,
                    all.size() * 1000.0 / Math.max(1, end - loadStart));
            Map<String, Map<Integer, Integer>> byRoute = new TreeMap<>();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Request r : all) {
                byRoute.computeIfAbsent(r.route(), k -> new TreeMap<>()).merge(r.status(), 1, Integer::sum);
                byStatus.merge(r.status(), 1, Integer::sum);
            }
            List<Double> latencies = all.stream().filter(r -> r.status() / 100 == 2)
                    .map(r -> (double) (r.endMs() - r.startMs())).toList();
            System.out.println("latency of the 2xx answers, ms: " + percentiles(latencies));
            System.out.println("requests by status: " + byStatus + " (-1: no answer; -2: not sent, " + MAX_IN_FLIGHT
                    + " already in flight)");
            byRoute.forEach((route, statuses) -> System.out.println("  " + route + ": " + statuses));
            List<Request> failed = all.stream().filter(r -> r.status() == -1 || r.status() >= 500).toList();
            System.out.println("failed (5xx or no answer): " + failed.size());
            failures.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(8)
                    .forEach(f -> System.out.println("  " + f.getValue() + " × " + f.getKey()));
            for (Request r : failed.subList(0, Math.min(failed.size(), 25))) {
                System.out.printf("  %s %d sent %s answered %s%n", r.route(), r.status(), relative(r.startMs(), events, labels),
                        relative(r.endMs(), events, labels));
            }
            Map<String, Integer> ackedKinds = new TreeMap<>();
            try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("acked.csv")))) {
                for (String line : acked) {
                    writer.println(line);
                    ackedKinds.merge(line.substring(0, line.indexOf(',')), 1, Integer::sum);
                }
            }
            System.out.println("writes acknowledged (2xx): " + ackedKinds);
            try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("closing-auctions.csv")))) {
                closingEnds.forEach((id, ends) -> writer.println(id + "," + ends));
            }
            try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("requests.csv")))) {
                for (Request r : all) {
                    writer.println(r.route() + "," + r.status() + "," + r.startMs() + "," + r.endMs());
                }
            }
            collectOtherProcessesSockets();
            sockets(events, labels);
        }

        String relative(long at, List<long[]> events, List<String> labels) {
            String best = "+" + (at - loadStart) + " ms from the load's start";
            long bestGap = Long.MAX_VALUE;
            for (int i = 0; i < events.size(); i++) {
                long gap = Math.abs(at - events.get(i)[0]);
                if (gap < bestGap) {
                    bestGap = gap;
                    best = String.format("%+d ms from \"%s\"", at - events.get(i)[0], labels.get(i));
                }
            }
            return best;
        }

        /** Per fault: the sockets it cut, their reconnection and first push after it, from the fault's moment. */
        void sockets(List<long[]> events, List<String> labels) {
            long never = Long.MAX_VALUE;
            System.out.printf("sockets: %d; disconnections in the run %d; connect errors %d%n", clients.size(),
                    clients.stream().mapToInt(c -> c.disconnects.size()).sum(),
                    clients.stream().mapToInt(c -> c.errors.size()).sum());
            for (int e = 0; e < events.size(); e++) {
                if (labels.get(e).startsWith("back")) {
                    // A part back (Redis, PostgreSQL): every socket's first push after it.
                    long at = events.get(e)[0];
                    List<Double> again = new ArrayList<>();
                    int none = 0;
                    for (Client c : clients) {
                        long push = first(c.pushes, at, Long.MAX_VALUE);
                        if (push == Long.MAX_VALUE) {
                            none++;
                        } else {
                            again.add((push - at) / 1000.0);
                        }
                    }
                    System.out.printf("\"%s\": first push on each socket after it, s: %s; none %d%n", labels.get(e),
                            percentiles(again), none);
                }
                if (!labels.get(e).startsWith("fault")) {
                    continue;
                }
                long at = events.get(e)[0];
                long next = never;
                for (int f = e + 1; f < events.size(); f++) {
                    if (labels.get(f).startsWith("fault")) {
                        next = events.get(f)[0];
                        break;
                    }
                }
                List<Double> detected = new ArrayList<>();
                List<Double> reconnected = new ArrayList<>();
                List<Double> pushedAgain = new ArrayList<>();
                int cut = 0;
                int notBack = 0;
                int noPush = 0;
                int late = 0;
                List<Double> gaps = new ArrayList<>();
                List<Double> attemptsBefore = new ArrayList<>();
                List<Double> firstAttempt = new ArrayList<>();
                // the server's share: from the first attempt to connected, and from connected to a push
                List<Double> attemptToConnected = new ArrayList<>();
                List<Double> connectedToPush = new ArrayList<>();
                Map<String, Integer> attemptFailures = new TreeMap<>();
                for (Client c : clients) {
                    long window = Math.min(next, at + 60_000);
                    long disconnect = first(c.disconnects, at - 500, window);
                    if (disconnect == never) {
                        // Not cut: its longest wait for a push in the 30 s after the fault.
                        gaps.add(longestGap(c.pushes, at, at + 30_000) / 1000.0);
                        continue;
                    }
                    cut++;
                    detected.add((disconnect - at) / 1000.0);
                    long connect = first(c.connects, disconnect, never);
                    if (connect == never) {
                        notBack++;
                        continue;
                    }
                    reconnected.add((connect - at) / 1000.0);
                    long tried = first(c.attempts, disconnect, connect + 1);
                    if (tried != never) {
                        firstAttempt.add((tried - at) / 1000.0);
                        attemptToConnected.add((connect - tried) / 1000.0);
                    }
                    synchronized (c.attempts) {
                        attemptsBefore.add((double) c.attempts.stream().filter(t -> t >= disconnect && t <= connect).count());
                    }
                    synchronized (c.attemptErrors) {
                        for (String failure : c.attemptErrors) {
                            long when = Long.parseLong(failure.substring(0, failure.indexOf(' ')));
                            if (when >= disconnect && when <= connect) {
                                attemptFailures.merge(failure.substring(failure.indexOf(' ') + 1)
                                        .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"), 1, Integer::sum);
                            }
                        }
                    }
                    long push = first(c.pushes, connect, never);
                    if (push == never) {
                        noPush++;
                        continue;
                    }
                    pushedAgain.add((push - at) / 1000.0);
                    connectedToPush.add((push - connect) / 1000.0);
                    if (push - at > 10_000) {
                        late++;
                    }
                }
                System.out.printf("fault \"%s\": %d sockets cut; their disconnection seen, s after the fault: %s;"
                        + " reconnected: %s; never back %d; first push after reconnecting, s after the fault: %s;"
                        + " none %d; later than 10 s %d%n", labels.get(e), cut, percentiles(detected),
                        percentiles(reconnected), notBack, percentiles(pushedAgain), noPush, late);
                System.out.printf("  sockets not cut (%d): longest wait for a push in the 30 s after the fault, s: %s%n",
                        gaps.size(), percentiles(gaps));
                System.out.printf("  their reconnection: first attempt, s after the fault: %s; attempts until connected: %s;"
                        + " failed attempts by error: %s%n", percentiles(firstAttempt), percentiles(attemptsBefore),
                        attemptFailures);
                System.out.printf("  from the first attempt to connected, s: %s; from connected to the first push, s: %s%n",
                        percentiles(attemptToConnected), percentiles(connectedToPush));
            }
        }

        static long first(List<Long> times, long from, long until) {
            synchronized (times) {
                for (long t : times) {
                    if (t >= from && t < until) {
                        return t;
                    }
                }
            }
            return Long.MAX_VALUE;
        }

        static long longestGap(List<Long> times, long from, long until) {
            long previous = from;
            long longest = 0;
            synchronized (times) {
                for (long t : times) {
                    if (t < from) {
                        continue;
                    }
                    if (t > until) {
                        break;
                    }
                    longest = Math.max(longest, t - previous);
                    previous = t;
                }
            }
            return Math.max(longest, until - previous);
        }
    }

    /** Sockets bound to one loopback address: nginx sees each client as its own host. */
    static final class BoundSocketFactory extends SocketFactory {
        final InetAddress local;

        BoundSocketFactory(InetAddress local) {
            this.local = local;
        }

        @Override
        public java.net.Socket createSocket() throws IOException {
            java.net.Socket socket = new java.net.Socket();
            socket.bind(new InetSocketAddress(local, 0));
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws IOException {
            java.net.Socket socket = createSocket();
            socket.connect(new InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return createSocket(host, port);
        }

        @Override
        public java.net.Socket createSocket(InetAddress host, int port) throws IOException {
            java.net.Socket socket = createSocket();
            socket.connect(new InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public java.net.Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return createSocket(address, port);
        }
    }

    static String orders(String body) {
        Matcher m = ORDER_ID.matcher(body);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("no order id in " + body);
        }
        return "order," + String.join(" ", ids);
    }

    static <T> T pick(List<T> list, ThreadLocalRandom random) {
        return list.get(random.nextInt(list.size()));
    }

    interface Step<T> {
        T apply(int i) throws Exception;
    }

    static <T> List<T> parallel(int count, int concurrency, Step<T> step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> step.apply(n)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
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
        return String.format("p50 %.1f, p95 %.1f, max %.1f (n %d)", at(sorted, 0.50), at(sorted, 0.95),
                sorted[sorted.length - 1], sorted.length);
    }

    static double at(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
