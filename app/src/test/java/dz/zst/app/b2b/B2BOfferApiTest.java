package dz.zst.app.b2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The B2B offers end to end (API.md §3, §8), through the HTTP routes a seller's app calls: who may
 * create and respond, the auction's bids, the negotiations, the end that comes by itself, and a hot
 * auction's bids at once. The test profile shrinks the anti-sniping window (application-test.yml).
 */
class B2BOfferApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    private String run;
    private String importateur;
    private String grossiste;
    private String grossiste2;
    private String fournisseur;
    private String customer;

    @BeforeEach
    void parties() {
        run = UUID.randomUUID().toString().substring(0, 8);
        importateur = TestUsers.seller(baseUrl(), "b2b-imp-" + run + "@zst.test", "importateur");
        grossiste = TestUsers.seller(baseUrl(), "b2b-gro-" + run + "@zst.test", "grossiste");
        grossiste2 = TestUsers.seller(baseUrl(), "b2b-gro2-" + run + "@zst.test", "grossiste");
        fournisseur = TestUsers.seller(baseUrl(), "b2b-fou-" + run + "@zst.test", "fournisseur");
        customer = TestUsers.signIn(baseUrl(), "b2b-cus-" + run + "@zst.test");
    }

    private String url(String path) {
        return baseUrl() + "/api/v1/b2b" + path;
    }

    private static Map<String, Object> offer(String type, String target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Lot de 500 téléphones " + type);
        body.put("description", "Arrivage du port d'Alger");
        body.put("base_price", 100_000);
        body.put("min_quantity", 10);
        body.put("available_quantity", 100);
        body.put("offer_type", type);
        body.put("target_category", target);
        return body;
    }

    private static Map<String, Object> auction(Instant end) {
        Map<String, Object> body = offer("auction", "grossiste");
        body.put("starts_at", Instant.now().minusSeconds(60).toString());
        body.put("ends_at", end.toString());
        return body;
    }

    private JsonNode created(String token, Map<String, Object> body) {
        Response created = ApiCalls.post(url("/offers"), token, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body();
    }

    private Response respond(String token, String offerId, String type, Object amount, int quantity) {
        return ApiCalls.post(url("/offers/" + offerId + "/respond"), token,
                Map.of("response_type", type, "amount", amount, "quantity", quantity));
    }

    private static void assertError(Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        if (messagePart != null) {
            assertThat(response.body().get("message").toString()).contains(messagePart);
        }
    }

    @Test
    void onlyATierCreatesOffersForTheTierBelowIt() {
        assertError(ApiCalls.post(url("/offers"), fournisseur, offer("negotiable", "customer")), 400, null);
        assertError(ApiCalls.post(url("/offers"), fournisseur, offer("negotiable", "fournisseur")), 403, null);
        assertError(ApiCalls.post(url("/offers"), customer, offer("negotiable", "grossiste")), 403, null);
        assertError(ApiCalls.post(url("/offers"), null, offer("negotiable", "grossiste")), 401, null);
        assertError(ApiCalls.post(url("/offers"), importateur, offer("negotiable", "fournisseur")), 400,
                "target_category");
        assertError(ApiCalls.post(url("/offers"), importateur, offer("auction", "grossiste")), 400, "ends_at");
        Map<String, Object> past = auction(Instant.now().minusSeconds(5));
        assertError(ApiCalls.post(url("/offers"), importateur, past), 400, "ends_at");
        Map<String, Object> backwards = auction(Instant.now().plusSeconds(3600));
        backwards.put("starts_at", Instant.now().plusSeconds(7200).toString());
        assertError(ApiCalls.post(url("/offers"), importateur, backwards), 400, "starts_at");
        Map<String, Object> tooFew = offer("negotiable", "grossiste");
        tooFew.put("available_quantity", 5);
        assertError(ApiCalls.post(url("/offers"), importateur, tooFew), 400, "available_quantity");

        JsonNode fromImportateur = created(importateur, offer("negotiable", "grossiste"));
        assertThat(fromImportateur.get("status").asText()).isEqualTo("active");
        assertThat(fromImportateur.get("target_category").asText()).isEqualTo("grossiste");
        assertThat(fromImportateur.get("seller").get("seller_category").asText()).isEqualTo("importateur");
        assertThat(fromImportateur.get("responses_count").asLong()).isZero();
        JsonNode fromGrossiste = created(grossiste, offer("negotiable", "fournisseur"));

        // The tier targeted sees it (the earlier backend hid it from exactly them); others: 404.
        String id = fromImportateur.get("id").asText();
        assertThat(ApiCalls.get(url("/offers/" + id), grossiste2).status()).isEqualTo(200);
        assertThat(ApiCalls.get(url("/offers/" + id), fournisseur).status()).isEqualTo(404);
        assertThat(ApiCalls.get(url("/offers/" + fromGrossiste.get("id").asText()), fournisseur).status())
                .isEqualTo(200);
    }

    @Test
    void bidsMustBeatTheCurrentBidByTheIncrementAndTheNewOneLeads() {
        JsonNode offer = created(importateur, auction(Instant.now().plus(1, ChronoUnit.HOURS)));
        String id = offer.get("id").asText();

        assertError(respond(importateur, id, "bid", 100_000, 10), 403, null);
        assertError(respond(fournisseur, id, "bid", 100_000, 10), 404, null);
        assertError(respond(grossiste, id, "negotiation", 100_000, 10), 400, "Negotiations are only for negotiable");
        assertError(respond(grossiste, id, "bid", 100_000, 5), 400, "quantity");
        assertError(respond(grossiste, id, "bid", 100_000, 101), 400, "quantity");
        assertError(respond(grossiste, id, "bid", 99_999, 10), 400, "100000");

        Response first = respond(grossiste, id, "bid", 100_000, 10);
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(first.body().get("status").asText()).isEqualTo("pending");
        assertError(respond(grossiste2, id, "bid", 100_050, 10), 400, "100100");
        Response second = respond(grossiste2, id, "bid", 100_100, 20);
        assertThat(second.status()).as(second.raw()).isEqualTo(201);

        JsonNode now = ApiCalls.get(url("/offers/" + id), grossiste).body();
        assertThat(now.get("current_bid").decimalValue()).isEqualByComparingTo("100100");
        assertThat(now.get("highest_bidder_id").asText()).isEqualTo(TestUsers.userId(baseUrl(), grossiste2));
        assertThat(now.get("responses_count").asLong()).isEqualTo(2);
        JsonNode mine = ApiCalls.get(url("/my-responses"), grossiste).body().get("data");
        assertThat(mine.get(0).get("status").asText()).isEqualTo("outbid");

        // A leader may raise its own bid.
        assertThat(respond(grossiste2, id, "bid", 100_200, 20).status()).isEqualTo(201);
        assertThat(ApiCalls.get(url("/offers/" + id), grossiste).body().get("current_bid").decimalValue())
                .isEqualByComparingTo("100200");

        JsonNode history = ApiCalls.get(url("/offers/" + id + "/history"), importateur).body();
        assertThat(history.get("events")).hasSize(4);
        assertThat(history.get("events").get(1).get("actor").get("user_id").asText())
                .isEqualTo(TestUsers.userId(baseUrl(), grossiste));
        assertThat(ApiCalls.get(url("/offers/" + id + "/history"), grossiste).status()).isEqualTo(404);
    }

    @Test
    void theSellerDecidesNegotiationsAndTheOfferSellsOutAtZero() {
        String id = created(importateur, offer("negotiable", "grossiste")).get("id").asText();
        Response big = respond(grossiste, id, "negotiation", 90_000, 80);
        Response small = respond(grossiste2, id, "negotiation", 95_000, 30);
        Response other = respond(grossiste2, id, "negotiation", 96_000, 15);
        assertThat(List.of(big.status(), small.status(), other.status())).containsOnly(201);
        assertError(respond(grossiste, id, "bid", 100_000, 10), 400, "Bids are only for auctions");

        String smallId = small.body().get("id").asText();
        assertError(ApiCalls.post(url("/responses/" + smallId + "/accept"), grossiste, null), 404, null);
        Response accepted = ApiCalls.post(url("/responses/" + smallId + "/accept"), importateur, null);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(accepted.body().get("status").asText()).isEqualTo("accepted");
        JsonNode offerNow = ApiCalls.get(url("/offers/" + id), importateur).body();
        assertThat(offerNow.get("available_quantity").asInt()).isEqualTo(70);
        assertThat(offerNow.get("status").asText()).isEqualTo("active");

        // The buyer takes back one; the seller refuses the other.
        String otherId = other.body().get("id").asText();
        assertThat(ApiCalls.post(url("/responses/" + otherId + "/withdraw"), grossiste2, null).body()
                .get("status").asText()).isEqualTo("withdrawn");
        assertError(ApiCalls.post(url("/responses/" + otherId + "/withdraw"), grossiste2, null), 400, null);
        // 80 no longer fits the 70 left: accepting the 30 set it aside, and it is no longer pending.
        String bigId = big.body().get("id").asText();
        Map<String, String> statuses = new HashMap<>();
        ApiCalls.get(url("/offers/" + id + "/responses"), importateur).body().get("data")
                .forEach(r -> statuses.put(r.get("id").asText(), r.get("status").asText()));
        assertThat(statuses.get(bigId)).isEqualTo("rejected");
        assertError(ApiCalls.post(url("/responses/" + bigId + "/reject"), importateur, null), 400, null);
        String refused = respond(grossiste, id, "negotiation", 50_000, 20).body().get("id").asText();
        assertThat(ApiCalls.post(url("/responses/" + refused + "/reject"), importateur, null).body()
                .get("status").asText()).isEqualTo("rejected");

        Response last = respond(grossiste, id, "negotiation", 99_000, 70);
        assertThat(ApiCalls.post(url("/responses/" + last.body().get("id").asText() + "/accept"), importateur, null)
                .status()).isEqualTo(200);
        assertThat(ApiCalls.get(url("/offers/" + id), importateur).body().get("status").asText()).isEqualTo("sold");
        assertError(respond(grossiste2, id, "negotiation", 99_000, 10), 400, null);
    }

    @Test
    void closingAnOfferRejectsItsPendingResponses() {
        String id = created(importateur, offer("negotiable", "grossiste")).get("id").asText();
        String pending = respond(grossiste, id, "negotiation", 90_000, 20).body().get("id").asText();
        // The tier it targets sees the offer but may not close it; a tier that cannot see it gets 404.
        assertError(ApiCalls.post(url("/offers/" + id + "/close"), grossiste, null), 403, null);
        assertError(ApiCalls.post(url("/offers/" + id + "/close"), fournisseur, null), 404, null);
        Response closed = ApiCalls.post(url("/offers/" + id + "/close"), importateur, null);
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertThat(closed.body().get("status").asText()).isEqualTo("closed");
        assertThat(ApiCalls.get(url("/offers/" + id + "/responses"), importateur).body().get("data").get(0)
                .get("status").asText()).isEqualTo("rejected");
        assertThat(pending).isNotBlank();
        assertError(ApiCalls.post(url("/offers/" + id + "/close"), importateur, null), 400, null);
    }

    @Test
    void anAuctionClosesByItselfAtItsEnd() {
        Instant end = Instant.now().plusSeconds(4);
        String id = created(importateur, auction(end)).get("id").asText();
        String losing = respond(grossiste, id, "bid", 100_000, 10).body().get("id").asText();
        String winning = respond(grossiste2, id, "bid", 100_500, 40).body().get("id").asText();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ApiCalls.get(url("/offers/" + id), importateur).body().get("status").asText())
                        .isEqualTo("sold"));
        Map<String, String> statuses = new HashMap<>();
        ApiCalls.get(url("/offers/" + id + "/responses"), importateur).body().get("data")
                .forEach(r -> statuses.put(r.get("id").asText(), r.get("status").asText()));
        assertThat(statuses).isEqualTo(Map.of(winning, "accepted", losing, "rejected"));
        List<String> types = jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber").param(id).query(String.class).list();
        assertThat(types.stream().filter(t -> t.endsWith("AuctionWonEvent")).count()).as("closed once").isOne();

        String unsold = created(importateur, auction(Instant.now().plusSeconds(2))).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ApiCalls.get(url("/offers/" + unsold), importateur).body().get("status").asText())
                        .isEqualTo("expired"));
    }

    @Test
    void manyBiddersAtOnceLeaveOneLeaderAtTheHighestAcceptedBid() throws Exception {
        String id = created(importateur, auction(Instant.now().plus(1, ChronoUnit.HOURS))).get("id").asText();
        List<String> bidders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bidders.add(TestUsers.seller(baseUrl(), "b2b-hot-" + i + "-" + run + "@zst.test", "grossiste"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<CompletableFuture<List<Integer>>> rounds = new ArrayList<>();
        for (String bidder : bidders) {
            rounds.add(CompletableFuture.supplyAsync(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int round = 0; round < 8; round++) {
                    JsonNode seen = ApiCalls.get(url("/offers/" + id), bidder).body();
                    BigDecimal current = seen.get("current_bid").isNull() ? new BigDecimal("99900")
                            : seen.get("current_bid").decimalValue();
                    statuses.add(respond(bidder, id, "bid", current.add(new BigDecimal("100")), 10).status());
                }
                return statuses;
            }, pool));
        }
        List<Integer> all = new ArrayList<>();
        rounds.forEach(r -> all.addAll(r.join()));
        pool.shutdown();

        assertThat(all).as("every bid accepted (201) or refused as too low (400), never a 5xx").allMatch(
                status -> status == 201 || status == 400);
        JsonNode offer = ApiCalls.get(url("/offers/" + id), importateur).body();
        BigDecimal highest = jdbc.sql("SELECT max(amount) FROM b2b_responses WHERE offer_id = ?::uuid")
                .param(id).query(BigDecimal.class).single();
        assertThat(offer.get("current_bid").decimalValue()).isEqualByComparingTo(highest);
        long accepted = all.stream().filter(status -> status == 201).count();
        assertThat(offer.get("responses_count").asLong()).isEqualTo(accepted);
        List<String> leaders = jdbc.sql("SELECT buyer_id::text FROM b2b_responses WHERE offer_id = ?::uuid "
                + "AND status = 'pending'").param(id).query(String.class).list();
        assertThat(leaders).as("one pending (leading) bid").hasSize(1);
        assertThat(offer.get("highest_bidder_id").asText()).isEqualTo(leaders.get(0));
    }
}
