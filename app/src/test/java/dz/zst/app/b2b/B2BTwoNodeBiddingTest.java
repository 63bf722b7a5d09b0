package dz.zst.app.b2b;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.TwoNodeApiTestBase;
import dz.zst.app.support.TestUsers;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bids on one auction through two nodes sharing the database at once: each node has its own
 * command bus and aggregate lock, so without the offer's cluster-wide lock (command-side
 * OfferLocks) they raced on the event store's key and a loser whose retries ran out got a 409.
 * Every answer is a 201 or a 400, never a 5xx nor a 409, and the event store, the responses and the
 * offer agree on one leader at the highest bid.
 */
class B2BTwoNodeBiddingTest extends TwoNodeApiTestBase {

    private static final int BIDDERS = 8;
    private static final int BIDS_EACH = 6;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void bidsFromTwoNodesAtOnceLeaveOneLeaderAtTheHighestBidInTheEventStore() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String importateur = TestUsers.seller(baseUrl(), "b2b-2n-imp-" + run + "@zst.test", "importateur");
        Map<String, Object> body = OfferBodies.toGrossistes("Lot de 1000 pneus", 100_000, "auction",
                Instant.now().minusSeconds(60), Instant.now().plus(1, ChronoUnit.HOURS));
        ApiCalls.Response created = ApiCalls.post(baseUrl() + "/api/v1/b2b/offers", importateur, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("id").asText();
        List<String> bidders = new ArrayList<>();
        for (int i = 0; i < BIDDERS; i++) {
            bidders.add(TestUsers.seller(baseUrl(), "b2b-2n-" + i + "-" + run + "@zst.test", "grossiste"));
        }
        String[] nodes = {baseUrl(), second.baseUrl()};

        ExecutorService pool = Executors.newFixedThreadPool(BIDDERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> rounds = new ArrayList<>();
        try {
            for (int b = 0; b < BIDDERS; b++) {
                String bidder = bidders.get(b);
                int first = b;
                rounds.add(pool.submit(() -> {
                    start.await();
                    List<String> answers = new ArrayList<>();
                    for (int round = 0; round < BIDS_EACH; round++) {
                        // Half of each bidder's bids go through each node, and at any moment both nodes are bid on.
                        String node = nodes[(first + round) % 2];
                        JsonNode seen = ApiCalls.get(node + "/api/v1/b2b/offers/" + id, bidder).body();
                        BigDecimal current = seen.get("current_bid").isNull() ? new BigDecimal("99900")
                                : seen.get("current_bid").decimalValue();
                        ApiCalls.Response answer = ApiCalls.post(node + "/api/v1/b2b/offers/" + id + "/respond",
                                bidder, Map.of("response_type", "bid", "amount", current.add(new BigDecimal("100")),
                                        "quantity", 10));
                        answers.add(answer.status() + " " + answer.raw());
                    }
                    return answers;
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> r : rounds) {
                all.addAll(r.get());
            }

            assertThat(all).as("every bid accepted (201) or refused as too low (400), never a 5xx")
                    .allMatch(answer -> answer.startsWith("201 ") || answer.startsWith("400 "));
            long accepted = all.stream().filter(answer -> answer.startsWith("201 ")).count();
            assertThat(accepted).isPositive();
            assertThat(accepted).as("bids raced: some were beaten before they arrived").isLessThan(all.size());

            List<Map<String, Object>> placed = jdbc.sql("""
                    SELECT (p ->> 'amount')::numeric AS amount,
                           coalesce(p -> 'bidderId' ->> 'value', p ->> 'bidderId') AS bidder
                    FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
                          WHERE aggregateidentifier = ? AND payloadtype LIKE '%B2BBidPlacedEvent') bids
                    ORDER BY amount DESC""").param(id).query().listOfRows();
            assertThat(placed).as("one event per accepted bid").hasSize((int) accepted);
            BigDecimal highest = (BigDecimal) placed.get(0).get("amount");
            String highestBidder = (String) placed.get(0).get("bidder");
            assertThat(placed.stream().map(row -> row.get("amount")).distinct().count())
                    .as("each bid beat the one before it").isEqualTo(accepted);

            List<String> leaders = jdbc.sql("SELECT buyer_id::text FROM b2b_responses WHERE offer_id = ?::uuid "
                    + "AND status = 'pending'").param(id).query(String.class).list();
            assertThat(leaders).as("one pending (leading) bid").containsExactly(highestBidder);
            for (String node : nodes) {
                JsonNode offer = ApiCalls.get(node + "/api/v1/b2b/offers/" + id, importateur).body();
                assertThat(offer.get("current_bid").decimalValue()).isEqualByComparingTo(highest);
                assertThat(offer.get("highest_bidder_id").asText()).isEqualTo(highestBidder);
                assertThat(offer.get("responses_count").asLong()).isEqualTo(accepted);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each node keeps the offer in memory. A copy another node has moved past must not decide: here
     * the first node's copy lacks the negotiation submitted through the second, and without the check
     * against the store (OfferLocks.ensureCurrent) accepting it there was a 404 "Response not found".
     */
    @Test
    void aNodeDecidesOnTheOfferAsStoredNotOnItsCopyThatAnotherNodeMovedPast() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String importateur = TestUsers.seller(baseUrl(), "b2b-2n-neg-imp-" + run + "@zst.test", "importateur");
        String grossiste = TestUsers.seller(baseUrl(), "b2b-2n-neg-" + run + "@zst.test", "grossiste");
        Map<String, Object> body = OfferBodies.toGrossistes("Lot de 500 cartons de lait", 20_000, "negotiable", null,
                null);
        ApiCalls.Response created = ApiCalls.post(baseUrl() + "/api/v1/b2b/offers", importateur, body);
        String id = created.body().get("id").asText();
        Map<String, Object> negotiation = Map.of("response_type", "negotiation", "amount", 19_000, "quantity", 20);

        ApiCalls.Response first = ApiCalls.post(baseUrl() + "/api/v1/b2b/offers/" + id + "/respond", grossiste,
                negotiation);
        ApiCalls.Response throughSecond = ApiCalls.post(second.baseUrl() + "/api/v1/b2b/offers/" + id + "/respond",
                grossiste, negotiation);
        assertThat(List.of(first.status(), throughSecond.status())).containsOnly(201);

        ApiCalls.Response accepted = ApiCalls.post(baseUrl() + "/api/v1/b2b/responses/"
                + throughSecond.body().get("id").asText() + "/accept", importateur, null);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(accepted.body().get("status").asText()).isEqualTo("accepted");
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/b2b/offers/" + id, importateur).body()
                .get("available_quantity").asInt()).isEqualTo(80);
    }
}
