package dz.zst.app.security;

import static dz.zst.app.support.ShortcutChecks.comparable;
import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ShortcutChecks;
import dz.zst.app.support.TestUsers;
import dz.zst.command.users.UserCommandSender;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserCommands.DeactivateUserCommand;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A bid that cannot beat the leading bid this node knows of is refused in front of the security
 * chain (HopelessBidShortcut). These tests hold that refusal to the bid route's own answer (same
 * status, bytes and headers), and every other bid to the full path with its body intact: a bid
 * that can win, a caller who may not bid, a body the route refuses, an offer not learned lately.
 */
class HopelessBidShortcutApiTest extends ApiTestBase {

    private static final String JSON = "application/json";

    @Autowired
    private UserCommandSender users;

    private String run;
    private String importateur;
    private String grossiste;
    private String grossiste2;
    private String offer;

    @BeforeEach
    void auctionWithALeader() throws InterruptedException {
        run = UUID.randomUUID().toString().substring(0, 8);
        importateur = TestUsers.seller(baseUrl(), "fast-imp-" + run + "@zst.test", "importateur");
        grossiste = TestUsers.seller(baseUrl(), "fast-gro-" + run + "@zst.test", "grossiste");
        grossiste2 = TestUsers.seller(baseUrl(), "fast-gro2-" + run + "@zst.test", "grossiste");
        // A refusal here may rest on what was found of its bidder within the last second: a new
        // seller's last sighting may still be as a customer, whose bids are left to the route.
        Thread.sleep(1_100);
        ApiCalls.Response created = ApiCalls.post(baseUrl() + "/api/v1/b2b/offers", importateur,
                Map.of("title", "Lot rapide " + run, "base_price", 1000, "min_quantity", 10, "available_quantity", 100,
                        "offer_type", "auction", "target_category", "grossiste",
                        "starts_at", Instant.now().minusSeconds(60).toString(),
                        "ends_at", Instant.now().plus(1, ChronoUnit.HOURS).toString()));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        offer = created.body().get("id").asText();
        assertThat(bid(grossiste, bidBody(1000, 10), Map.of("Content-Type", JSON), false).status()).isEqualTo(201);
    }

    @Test
    void aHopelessBidGetsTheRoutesOwnRefusal() {
        double before = shortcutCount();
        int fast = 0;
        for (String contentType : new String[] {JSON, "application/json; charset=UTF-8"}) {
            for (byte[] body : new byte[][] {bidBody(1000, 10), bidBody(1099.99, 20),
                    "{\"amount\":500,\"response_type\":\"bid\",\"quantity\":10,\"message\":\"allez\"}"
                            .getBytes(StandardCharsets.UTF_8)}) {
                String what = contentType + " " + new String(body, StandardCharsets.UTF_8);
                ApiCalls.Download refused = bid(grossiste2, body, Map.of("Content-Type", contentType), false);
                ApiCalls.Download full = bid(grossiste2, body, Map.of("Content-Type", contentType), true);
                assertThat(refused.status()).as(what).isEqualTo(400).isEqualTo(full.status());
                assertThat(new String(refused.body(), StandardCharsets.UTF_8)).as(what)
                        .isEqualTo(new String(full.body(), StandardCharsets.UTF_8))
                        .contains("A bid must be at least 1100.00 DZD");
                assertThat(unframed(refused.headers())).as(what).isEqualTo(unframed(full.headers()));
                fast++;
            }
        }
        assertThat(shortcutCount() - before).as("refusals answered in front of the chain").isEqualTo(fast);

        // The bid that can win goes the full way, its body read again by the route.
        ApiCalls.Download leading = bid(grossiste2, bidBody(1100, 20), Map.of("Content-Type", JSON), false);
        assertThat(leading.status()).as(new String(leading.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(new String(leading.body(), StandardCharsets.UTF_8)).contains("\"amount\":1100");
        // And what this node learned from its commit refuses the next hopeless one at once.
        assertThat(bid(grossiste, bidBody(1100, 10), Map.of("Content-Type", JSON), false).status()).isEqualTo(400);
        assertThat(shortcutCount() - before).isEqualTo(fast + 1);
    }

    @Test
    void biddersToldTheSameAmountTakeTurnsAndTheLosersAreRefusedHere() throws Exception {
        List<String> bidders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bidders.add(TestUsers.seller(baseUrl(), "fast-race-" + i + "-" + run + "@zst.test", "grossiste"));
        }
        // Told "at least 1100.00" by their refusals, all of them send it at once.
        for (String bidder : bidders) {
            assertThat(bid(bidder, bidBody(1000, 10), Map.of("Content-Type", JSON), false).status()).isEqualTo(400);
        }
        double before = shortcutCount();
        ExecutorService pool = Executors.newFixedThreadPool(bidders.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (String bidder : bidders) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return bid(bidder, bidBody(1100, 10), Map.of("Content-Type", JSON), false).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).as("one winner").containsOnlyOnce(201).containsOnly(201, 400);
        } finally {
            pool.shutdownNow();
        }
        assertThat(shortcutCount() - before).as("every loser refused in front of the chain, after the winner's turn")
                .isEqualTo(bidders.size() - 1);
    }

    @Test
    void everyOtherRefusalIsTheFullPathsAnswer() throws InterruptedException {
        String leaving = TestUsers.seller(baseUrl(), "fast-leaving-" + run + "@zst.test", "grossiste");
        UserId leavingId = UserId.of(TestUsers.userId(baseUrl(), leaving));
        users.send(leavingId, new DeactivateUserCommand(leavingId));
        Thread.sleep(1_100); // a refusal may rest on what was found of its bidder within the last second

        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("the owner", importateur);
        callers.put("another tier", TestUsers.seller(baseUrl(), "fast-fou-" + run + "@zst.test", "fournisseur"));
        callers.put("a customer", TestUsers.signIn(baseUrl(), "fast-cus-" + run + "@zst.test"));
        callers.put("a clerk customer", ClerkTokens.forSubject("user_fast_" + run));
        callers.put("a deactivated grossiste", leaving);
        callers.put("a forged token", ClerkTokens.sign(ClerkTokens.claims("user_fast_" + run).build(),
                ClerkTokens.OTHER_KEY));
        callers.put("not a JWT", "not-a-token");
        callers.put("no token", null);
        double before = shortcutCount();
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            same(caller.getKey(), caller.getValue(), bidBody(1000, 10), Map.of("Content-Type", JSON));
        }

        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("a quantity below the minimum", bidBody(1000, 5));
        bodies.put("a quantity above what is left", bidBody(1000, 101));
        bodies.put("a negotiation on an auction", "{\"response_type\":\"negotiation\",\"amount\":1000,\"quantity\":10}"
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("an unknown field", "{\"response_type\":\"bid\",\"amount\":1000,\"quantity\":10,\"x\":1}"
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("three decimals", "{\"response_type\":\"bid\",\"amount\":1000.001,\"quantity\":10}"
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("no amount", "{\"response_type\":\"bid\",\"quantity\":10}".getBytes(StandardCharsets.UTF_8));
        bodies.put("not JSON", "amount=1000".getBytes(StandardCharsets.UTF_8));
        bodies.put("empty", new byte[0]);
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            same(body.getKey(), grossiste2, body.getValue(), Map.of("Content-Type", JSON));
        }
        same("a latin-1 body", grossiste2, bidBody(1000, 10), Map.of("Content-Type", JSON + "; charset=ISO-8859-1"));
        ApiCalls.Download keyed = bid(grossiste2, bidBody(1000, 10),
                Map.of("Content-Type", JSON, "Idempotency-Key", "fast-" + run), false);
        ApiCalls.Download keyedFull = bid(grossiste2, bidBody(1000, 10),
                Map.of("Content-Type", JSON, "Idempotency-Key", "full-" + run), true);
        assertThat(keyed.status()).isEqualTo(400).isEqualTo(keyedFull.status());
        assertThat(unframed(keyed.headers())).isEqualTo(unframed(keyedFull.headers()));
        assertThat(shortcutCount()).as("no other refusal was answered in front of the chain").isEqualTo(before);
    }

    @Test
    void anOfferNotLearnedWithinASecondIsReadByTheRoute() throws InterruptedException {
        Thread.sleep(1_100);
        double before = shortcutCount();
        ApiCalls.Download read = bid(grossiste2, bidBody(1000, 10), Map.of("Content-Type", JSON), false);
        assertThat(read.status()).isEqualTo(400);
        assertThat(shortcutCount()).as("the route read the offer").isEqualTo(before);
        assertThat(bid(grossiste2, bidBody(1000, 10), Map.of("Content-Type", JSON), false).status()).isEqualTo(400);
        assertThat(shortcutCount()).as("and what it read refuses the next one here").isEqualTo(before + 1);
    }

    @Test
    void aBidderDeactivatedIsRefusedByTheRouteOnceTheSecondHasPassed() throws InterruptedException {
        double before = shortcutCount();
        assertThat(bid(grossiste2, bidBody(1000, 10), Map.of("Content-Type", JSON), false).status()).isEqualTo(400);
        assertThat(shortcutCount()).as("refused here while active").isEqualTo(before + 1);
        UserId id = UserId.of(TestUsers.userId(baseUrl(), grossiste2));
        users.send(id, new DeactivateUserCommand(id));
        Thread.sleep(1_100);
        // Another bidder's bid goes the route's way (the floor is over a second old) and refreshes it.
        assertThat(bid(grossiste, bidBody(1000, 10), Map.of("Content-Type", JSON), false).status()).isEqualTo(400);
        double refreshed = shortcutCount();

        ApiCalls.Download deactivated = bid(grossiste2, bidBody(1000, 10), Map.of("Content-Type", JSON), false);
        assertThat(deactivated.status()).as(new String(deactivated.body(), StandardCharsets.UTF_8)).isEqualTo(403);
        assertThat(shortcutCount()).isEqualTo(refreshed);
        assertThat(bid(grossiste, bidBody(1000, 10), Map.of("Content-Type", JSON), false).status()).isEqualTo(400);
        assertThat(shortcutCount()).as("the floor was fresh for the deactivated bidder too").isEqualTo(refreshed + 1);
    }

    private void same(String what, String token, byte[] body, Map<String, String> headers) {
        ApiCalls.Download fast = bid(token, body, headers, false);
        ApiCalls.Download full = bid(token, body, headers, true);
        assertThat(fast.status()).as(what).isBetween(400, 404).isEqualTo(full.status());
        assertThat(new String(fast.body(), StandardCharsets.UTF_8)).as(what)
                .isEqualTo(new String(full.body(), StandardCharsets.UTF_8));
        assertThat(unframed(fast.headers())).as(what).isEqualTo(unframed(full.headers()));
    }

    /**
     * The headers to compare, without the message's framing: the shortcut sends a refusal with a
     * Content-Length, Spring MVC flushes its error and sends it chunked.
     */
    private static Map<String, List<String>> unframed(java.net.http.HttpHeaders headers) {
        Map<String, List<String>> kept = comparable(headers);
        kept.remove("content-length");
        kept.remove("transfer-encoding");
        return kept;
    }

    /** The bid route; {@code fullPath}: with a query string, which Spring ignores and the shortcut never takes. */
    private ApiCalls.Download bid(String token, byte[] body, Map<String, String> headers, boolean fullPath) {
        return ApiCalls.sendBytes("POST", baseUrl() + "/api/v1/b2b/offers/" + offer + "/respond"
                + (fullPath ? "?full_path=1" : ""), token, body, headers);
    }

    private static byte[] bidBody(double amount, int quantity) {
        return String.format(java.util.Locale.ROOT, "{\"response_type\":\"bid\",\"amount\":%.2f,\"quantity\":%d}",
                amount, quantity).getBytes(StandardCharsets.UTF_8);
    }

    private double shortcutCount() {
        return ShortcutChecks.counter(managementUrl(), "zst_http_b2b_hopeless_bid_shortcut_total");
    }
}
