import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 21's fan-out benchmark, run from source on the JDK (no dependencies):
 *
 * <pre>
 *   seed KEY ISSUER BASE COUNT PARALLEL             COUNT grossistes, each with a push token
 *   run  KEY ISSUER BASE OFFERS INTERVAL_S EXPO_PORT PSQL...
 * </pre>
 *
 * Users sign in with session tokens the client signs itself, as Clerk would, with the private key
 * KEY (PKCS#8 PEM) whose public half the platform was given as CLERK_JWT_KEY, for ISSUER: a user is
 * registered on its first request. (Development sign-in hashes a password with BCrypt per new user:
 * ten thousand of them took half an hour of the two cores.)
 *
 * {@code run} serves Expo's push API itself on EXPO_PORT (the platform's EXPO_PUSH_URL points there),
 * answering every message with an ok ticket and recording when each arrived. An importateur then
 * creates OFFERS auctions for the grossiste tier, one every INTERVAL_S seconds, and for each the
 * client measures: the creation's latency; when the tier's last notification was readable (the
 * notifications rows the API serves, counted with the PSQL command given, polled every 100 ms);
 * when Expo had the last push. Duplicates: a notification pushed twice, or one recipient pushed twice
 * about one offer. Meanwhile a grossiste creates offers for the fournisseur tier, 4 a second: the
 * latency of a creation while the fan-outs run.
 */
public class NewOfferBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern OFFER = Pattern.compile("\"offer_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NOTIFICATION = Pattern.compile("\"notification_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final long TIMEOUT_MS = 120_000;

    private static PrivateKey key;
    private static String issuer;

    public static void main(String[] args) throws Exception {
        String pem = Files.readString(Path.of(args[1])).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        issuer = args[2];
        switch (args[0]) {
            case "seed" -> seed(args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "run" -> run(args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]), Arrays.copyOfRange(args, 7, args.length));
            default -> throw new IllegalArgumentException("seed or run");
        }
    }

    /** A session token as Clerk signs one (RS256), valid for two hours. */
    private static String sessionToken(String subject, String email) throws Exception {
        long now = Instant.now().getEpochSecond();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = url.encodeToString(String.format(
                "{\"sub\":\"%s\",\"iss\":\"%s\",\"iat\":%d,\"nbf\":%d,\"exp\":%d,\"email\":\"%s\"}",
                subject, issuer, now, now - 5, now + 7200, email).getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + url.encodeToString(rsa.sign());
    }

    private static void seed(String base, int count, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            all.add(pool.submit(() -> {
                String token = seller(base, "bench-nof-" + n + "@zst.bench", "grossiste");
                HttpResponse<String> patched = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/me"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(
                                "{\"push_token\":\"ExponentPushToken[bench-nof-" + n + "]\"}")).build());
                if (patched.statusCode() != 200) {
                    throw new IllegalStateException("push token of " + n + ": " + patched.statusCode() + " "
                            + patched.body());
                }
                long d = done.incrementAndGet();
                if (d % 1000 == 0) {
                    System.out.printf("seeded %d grossistes (%.0f/s)%n", d, d / seconds(started));
                    System.out.flush();
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("seeded %d grossistes with push tokens in %.1f s%n", count, seconds(started));
    }

    /** What the Expo stand-in received: per offer, the pushes and when the latest came. */
    static final class Expo {
        final Map<String, AtomicLong> perOffer = new ConcurrentHashMap<>();
        final Map<String, Long> lastAt = new ConcurrentHashMap<>();
        final Set<String> notifications = ConcurrentHashMap.newKeySet();
        final Set<String> recipientOffers = ConcurrentHashMap.newKeySet();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong maxBatch = new AtomicLong();

        void handle(HttpExchange exchange) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String answer;
            if (exchange.getRequestURI().getPath().endsWith("/getReceipts")) {
                answer = "{\"data\":{}}";
            } else {
                long now = System.currentTimeMillis();
                requests.incrementAndGet();
                List<Integer> starts = new ArrayList<>();
                Matcher to = TO.matcher(body);
                while (to.find()) {
                    starts.add(to.start());
                }
                maxBatch.accumulateAndGet(starts.size(), Math::max);
                StringBuilder tickets = new StringBuilder("{\"data\":[");
                for (int i = 0; i < starts.size(); i++) {
                    String message = body.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : body.length());
                    Matcher recipient = TO.matcher(message);
                    recipient.find();
                    Matcher offer = OFFER.matcher(message);
                    Matcher notification = NOTIFICATION.matcher(message);
                    String offerId = offer.find() ? offer.group(1) : "none";
                    boolean fresh = !notification.find() || notifications.add(notification.group(1));
                    if (!recipientOffers.add(recipient.group(1) + " " + offerId) || !fresh) {
                        duplicates.incrementAndGet();
                    }
                    perOffer.computeIfAbsent(offerId, k -> new AtomicLong()).incrementAndGet();
                    lastAt.merge(offerId, now, Math::max);
                    tickets.append(i == 0 ? "" : ",").append("{\"status\":\"ok\",\"id\":\"")
                            .append(UUID.randomUUID()).append("\"}");
                }
                answer = tickets.append("]}").toString();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        long pushed(String offer) {
            AtomicLong n = perOffer.get(offer);
            return n == null ? 0 : n.get();
        }
    }

    record Fanout(String offer, double createMs, long readableMs, long pushedMs, long readable, long pushed) {
    }

    private static void run(String base, int offers, int intervalSeconds, int expoPort, String[] psql) throws Exception {
        Expo expo = new Expo();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", expoPort), 256);
        server.createContext("/", exchange -> {
            try {
                expo.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();

        String run = UUID.randomUUID().toString().substring(0, 8);
        // Signed up first, so that the tier counted includes it (it is a grossiste too).
        String grossiste = seller(base, "bench-nof-gro-" + run + "@zst.bench", "grossiste");
        long tier = Long.parseLong(sql(psql, "SELECT count(*) FROM users WHERE role = 'seller' "
                + "AND seller_category = 'grossiste' AND is_active"));
        long withTokens = Long.parseLong(sql(psql, "SELECT count(*) FROM users WHERE role = 'seller' "
                + "AND seller_category = 'grossiste' AND is_active AND push_token IS NOT NULL"));
        String importateur = seller(base, "bench-nof-imp-" + run + "@zst.bench", "importateur");
        System.out.printf("tier: %d grossistes, %d with a push token; %d offers, one every %d s%n",
                tier, withTokens, offers, intervalSeconds);
        System.out.flush();

        // Meanwhile, a grossiste creates offers for the (empty) fournisseur tier, 4 a second: the
        // creation latency of an offer while the tier's fan-outs run.
        List<Double> meanwhile = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean measuring = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread background = new Thread(() -> {
            int n = 0;
            while (measuring.get()) {
                long at = System.nanoTime();
                try {
                    create(base, grossiste, "Lot d'a cote " + run + " " + n++, "fournisseur");
                    meanwhile.add((System.nanoTime() - at) / 1e6);
                    Thread.sleep(Math.max(0, 250 - (System.nanoTime() - at) / 1_000_000));
                } catch (Exception e) {
                    System.out.println("meanwhile: " + e.getMessage());
                }
            }
        });
        background.start();

        List<Fanout> results = new ArrayList<>();
        for (int i = 0; i < offers; i++) {
            long slot = System.nanoTime();
            long before = System.nanoTime();
            long createdAt = System.currentTimeMillis();
            String offer = create(base, importateur, "Lot de banc " + run + " " + i, "grossiste");
            double createMs = (System.nanoTime() - before) / 1e6;
            long readableAt = -1;
            long readable = 0;
            while (System.currentTimeMillis() - createdAt < TIMEOUT_MS) {
                if (readableAt < 0) {
                    readable = Long.parseLong(sql(psql, "SELECT count(*) FROM notifications WHERE type = 'new_offer' "
                            + "AND data ->> 'offer_id' = '" + offer + "'"));
                    if (readable >= tier) {
                        readableAt = System.currentTimeMillis();
                    }
                }
                if (readableAt >= 0 && expo.pushed(offer) >= withTokens) {
                    break;
                }
                Thread.sleep(100);
            }
            long pushed = expo.pushed(offer);
            Long last = expo.lastAt.get(offer);
            Fanout f = new Fanout(offer, createMs, readableAt < 0 ? -1 : readableAt - createdAt,
                    pushed >= withTokens && last != null ? last - createdAt : -1, readable, pushed);
            results.add(f);
            System.out.printf("offer %d %s: created in %.1f ms; %d/%d readable after %d ms; %d/%d pushed after %d ms%n",
                    i, offer, createMs, readable, tier, f.readableMs(), pushed, withTokens, f.pushedMs());
            System.out.flush();
            long wait = intervalSeconds * 1000L - (System.nanoTime() - slot) / 1_000_000;
            if (wait > 0 && i + 1 < offers) {
                Thread.sleep(wait);
            }
        }
        Thread.sleep(2000);
        measuring.set(false);
        background.join();
        double[] others = meanwhile.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("RESULT meanwhile_creates=%d meanwhile_create_p50_ms=%.1f meanwhile_create_p95_ms=%.1f "
                        + "meanwhile_create_p99_ms=%.1f meanwhile_create_max_ms=%.1f%n", others.length,
                pct(others, 0.5), pct(others, 0.95), pct(others, 0.99), others[others.length - 1]);
        double[] creates = results.stream().mapToDouble(Fanout::createMs).sorted().toArray();
        long[] readables = results.stream().mapToLong(Fanout::readableMs).sorted().toArray();
        long[] pusheds = results.stream().mapToLong(Fanout::pushedMs).sorted().toArray();
        long missingReadable = results.stream().filter(f -> f.readableMs() < 0).count();
        long missingPushed = results.stream().filter(f -> f.pushedMs() < 0).count();
        System.out.printf("RESULT offers=%d tier=%d with_tokens=%d create_p50_ms=%.1f create_p95_ms=%.1f create_max_ms=%.1f "
                        + "readable_p50_ms=%d readable_max_ms=%d pushed_p50_ms=%d pushed_max_ms=%d "
                        + "offers_not_all_readable=%d offers_not_all_pushed=%d duplicates=%d expo_requests=%d "
                        + "expo_max_batch=%d%n",
                offers, tier, withTokens, pct(creates, 0.5), pct(creates, 0.95), creates[creates.length - 1],
                readables[readables.length / 2], readables[readables.length - 1],
                pusheds[pusheds.length / 2], pusheds[pusheds.length - 1], missingReadable, missingPushed,
                expo.duplicates.get(), expo.requests.get(), expo.maxBatch.get());
        server.stop(0);
        System.exit(0);
    }

    private static double pct(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static String create(String base, String seller, String title, String tier) throws Exception {
        String json = String.format("{\"title\":\"%s\",\"base_price\":1000,\"min_quantity\":10,"
                + "\"available_quantity\":1000,\"offer_type\":\"auction\",\"target_category\":\"%s\","
                + "\"starts_at\":\"%s\",\"ends_at\":\"%s\"}", title, tier, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofHours(3)));
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/b2b/offers"))
                .header("Authorization", "Bearer " + seller).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("offer not created: " + created.statusCode() + " " + created.body());
        }
        Matcher m = ID.matcher(created.body());
        m.find();
        return m.group(1);
    }

    private static String seller(String base, String email, String tier) throws Exception {
        String token = sessionToken("user_" + email.substring(0, email.indexOf('@')).replace('-', '_'), email);
        HttpResponse<String> role = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/sync-role"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"seller\",\"seller_category\":\"" + tier + "\"}"))
                .build());
        if (role.statusCode() / 100 != 2) {
            throw new IllegalStateException("sync-role " + role.statusCode() + " " + role.body());
        }
        return token;
    }

    /** One value from the bench's PostgreSQL, through the psql command line given. */
    private static String sql(String[] psql, String query) throws Exception {
        List<String> command = new ArrayList<>(List.of(psql));
        command.addAll(List.of("-Atc", query));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql: " + out);
        }
        return out;
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
