import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The B2B benchmarks of issue 20, run from source on the JDK (`java bench/b2b/AuctionBench.java hot|wave …`).
 *
 * <p>hot: BIDDERS grossistes bid on one importateur's auction as fast as they can for SECONDS, each bid a
 * little above the last current_bid it saw (the amount its refusal named, or with "read" as the
 * last argument, read back with GET /b2b/offers/{id} after each bid), after a WARMUP_SECONDS round
 * on another auction. Prints attempts/s, accepted/s, latency percentiles of the bid requests,
 * errors (anything but 201 and 400), and the offer id for the SQL check the script makes afterwards.
 * Arguments: hot, base URL, bidders, seconds, warm-up seconds, [read].
 *
 * <p>wave: creates COUNT auctions whose ends fall evenly within SPREAD seconds, the first LEAD seconds
 * after the run starts, every tenth with one bid so that it is won (the others expire). The platform
 * closes them by itself (their deadlines); the script measures, in SQL, each end's delay to its close
 * event. Prints "wave RUN FIRST_END_MS LAST_END_MS" for the script. Arguments: wave, base URL, count,
 * spread seconds, lead seconds, creating threads.
 */
public class AuctionBench {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    /** The amount a refused bid had to reach, as the 400 names it ("at least X DZD", "the base price of X DZD"). */
    private static final Pattern MINIMUM = Pattern.compile("(?:at least|base price of) ([0-9.]+) DZD");
    private static final Pattern CURRENT = Pattern.compile("\"current_bid\"\\s*:\\s*([0-9.]+|null)");

    private static final boolean HTTP2 = Boolean.getBoolean("http2");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HTTP2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("wave")) {
            wave(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            return;
        }
        String base = args[1];
        int bidders = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        boolean readAfterEach = args.length > 5 && args[5].equals("read");
        String run = Long.toString(System.currentTimeMillis(), 36);

        String importateur = seller(base, "bench-imp-" + run + "@zst.bench", "importateur");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < bidders; i++) {
            tokens.add(seller(base, "bench-gro-" + i + "-" + run + "@zst.bench", "grossiste"));
        }
        System.out.printf("signed in 1 importateur and %d grossistes%n", bidders);

        if (warmup > 0) {
            Result warm = round(base, auction(base, importateur), tokens, warmup, readAfterEach);
            System.out.printf("warm-up %d s: %s%n", warmup, warm);
            System.out.flush();
        }
        String offer = auction(base, importateur);
        Result measured = round(base, offer, tokens, seconds, readAfterEach);
        System.out.printf("measured %d s: %s%n", seconds, measured);
        System.out.println("offer " + offer);
    }

    record Result(long attempts, long accepted, long refused, long errors, double seconds, long[] latenciesMicros) {
        @Override
        public String toString() {
            long[] sorted = Arrays.copyOf(latenciesMicros, (int) Math.min(latenciesMicros.length, attempts));
            Arrays.sort(sorted);
            return String.format("%d attempts (%.1f/s), %d accepted (%.1f/s), %d refused (400), %d errors; "
                            + "bid latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                    attempts, attempts / seconds, accepted, accepted / seconds, refused, errors,
                    pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        }

        private static double pct(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
                    / 1000.0;
        }
    }

    /**
     * Every bidder bids until the time is up, each time at what it last saw: 100 DZD above its own
     * accepted bid, or the amount a refusal named (as the app shows it), or (readAfterEach, the first
     * runs') 100 DZD above the offer's current_bid read with a GET after every bid.
     */
    private static Result round(String base, String offer, List<String> tokens, int seconds, boolean readAfterEach) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong attempts = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLongArray latencies = new AtomicLongArray(2_000_000);
        CountDownLatch done = new CountDownLatch(tokens.size());
        long started = System.nanoTime();
        for (String token : tokens) {
            Thread thread = new Thread(() -> {
                try (BidConnection connection = new BidConnection(URI.create(base), offer, token)) {
                    double next = current(base, offer, token) + 100;
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        int status;
                        String answer = "";
                        try {
                            if (HTTP2) {
                                HttpResponse<String> response = bid(base, offer, token, next);
                                status = response.statusCode();
                                answer = response.body();
                            } else {
                                status = connection.bid(next);
                                answer = connection.answer();
                            }
                        } catch (Exception e) {
                            status = -1;
                        }
                        long n = attempts.getAndIncrement();
                        if (n < latencies.length()) {
                            latencies.set((int) n, (System.nanoTime() - sent) / 1000);
                        }
                        if (status == 201) {
                            accepted.incrementAndGet();
                        } else if (status == 400) {
                            refused.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                        // What it saw: its own bid leads, or the refusal names the amount to beat.
                        Matcher minimum = MINIMUM.matcher(answer);
                        next = status == 201 ? next + 100 : !readAfterEach && minimum.find()
                                ? Double.parseDouble(minimum.group(1)) : current(base, offer, token) + 100;
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] copy = new long[(int) Math.min(attempts.get(), latencies.length())];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = latencies.get(i);
        }
        return new Result(attempts.get(), accepted.get(), refused.get(), errors.get(), elapsed, copy);
    }

    private static final int SELLERS = 20;

    private static void wave(String base, int count, int spread, int lead, int threads) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        long firstEnd = System.currentTimeMillis() + lead * 1000L;
        long lastEnd = firstEnd + spread * 1000L;

        List<String> importateurs = new ArrayList<>();
        List<String> grossistes = new ArrayList<>();
        for (int i = 0; i < SELLERS; i++) {
            importateurs.add(seller(base, "wave-imp-" + i + "-" + run + "@zst.bench", "importateur"));
            grossistes.add(seller(base, "wave-gro-" + i + "-" + run + "@zst.bench", "grossiste"));
        }
        System.out.printf("wave %s %d %d%n", run, firstEnd, lastEnd);
        System.out.flush();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger bids = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int n = i;
            pool.execute(() -> {
                try {
                    Instant end = Instant.ofEpochMilli(firstEnd + (long) n * spread * 1000L / count);
                    String offer = auction(base, importateurs.get(n % SELLERS), "Vague " + run + " #" + n, end);
                    created.incrementAndGet();
                    if (n % 10 == 0) {
                        HttpResponse<String> answer = bid(base, offer, grossistes.get(n % SELLERS), 1000);
                        if (answer.statusCode() == 201) {
                            bids.incrementAndGet();
                        } else if (failures.incrementAndGet() <= 5) {
                            System.out.println("bid refused: " + answer.statusCode() + " " + answer.body());
                        }
                    }
                } catch (Exception e) {
                    if (failures.incrementAndGet() <= 5) {
                        System.out.println("failed: " + e.getMessage());
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;
        long margin = firstEnd - System.currentTimeMillis();
        System.out.printf("created %d auctions (%d with a bid, %d failures) in %.1f s (%.0f/s); the first ends %.1f s "
                        + "later%s%n", created.get(), bids.get(), failures.get(), seconds, created.get() / seconds,
                margin / 1000.0, margin < 0 ? ": NOT all created before the first end, raise LEAD" : "");
    }

    private static double current(String base, String offer, String token) throws Exception {
        String body = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/b2b/offers/" + offer))
                .header("Authorization", "Bearer " + token).GET().build()).body();
        Matcher m = CURRENT.matcher(body);
        if (!m.find() || m.group(1).equals("null")) {
            return 900;
        }
        return Double.parseDouble(m.group(1));
    }

    private static HttpResponse<String> bid(String base, String offer, String token, double amount)
            throws Exception {
        String json = String.format("{\"response_type\":\"bid\",\"amount\":%.2f,\"quantity\":10}", amount);
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/b2b/offers/" + offer + "/respond"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * One bidder's HTTP/1.1 connection for the hot auction's bids: a blocking socket written and read
     * by the bidder's own thread, kept while the server keeps it (after a 201) and opened again when
     * it closes it (Tomcat closes the connection after every 400). The JDK's HttpClient cost the
     * client 0.4 ms of CPU per bid, as much as the server's refusal: on the same two cores the
     * client's own cost was most of what limited the bids a second.
     */
    static final class BidConnection implements AutoCloseable {
        private final Http11Connection connection;
        private final byte[] head;

        BidConnection(URI base, String offer, String token) {
            this.connection = new Http11Connection(base.getHost(), base.getPort());
            this.head = ("POST /api/v1/b2b/offers/" + offer + "/respond HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        }

        /** Sends a bid of {@code amount} and reads the answer; its status, its body in {@link #answer()}. */
        int bid(double amount) throws IOException {
            byte[] json = String.format(Locale.ROOT, "{\"response_type\":\"bid\",\"amount\":%.2f,\"quantity\":10}",
                    amount).getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream request = new ByteArrayOutputStream(head.length + 200);
            request.write(head);
            request.write((json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(json);
            return connection.exchange(request.toByteArray());
        }

        String answer() {
            return connection.answer();
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    private static String auction(String base, String importateur) throws Exception {
        return auction(base, importateur, "Enchère de banc d'essai", Instant.now().plus(Duration.ofHours(3)));
    }

    private static String auction(String base, String importateur, String title, Instant end) throws Exception {
        String json = String.format("{\"title\":\"%s\",\"base_price\":1000,\"min_quantity\":10,"
                + "\"available_quantity\":1000,\"offer_type\":\"auction\",\"target_category\":\"grossiste\","
                + "\"starts_at\":\"%s\",\"ends_at\":\"%s\"}", title, Instant.now().minusSeconds(5), end);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/b2b/offers"))
                .header("Authorization", "Bearer " + importateur).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("auction not created: " + created.statusCode() + " " + created.body());
        }
        Matcher m = ID.matcher(created.body());
        m.find();
        return m.group(1);
    }

    private static String seller(String base, String email, String tier) throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/dev-auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"bench123\"}"))
                .build());
        Matcher m = TOKEN.matcher(login.body());
        if (!m.find()) {
            throw new IllegalStateException("no token for " + email + ": " + login.body());
        }
        String token = m.group(1);
        HttpResponse<String> role = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/sync-role"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"seller\",\"seller_category\":\"" + tier + "\"}"))
                .build());
        if (role.statusCode() / 100 != 2) {
            throw new IllegalStateException("sync-role " + role.statusCode() + " " + role.body());
        }
        return token;
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
