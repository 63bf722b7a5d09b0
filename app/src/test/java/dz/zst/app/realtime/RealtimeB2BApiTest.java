package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.query.realtime.RealtimeServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * API.md §11 for the B2B offers: {@code b2b:join} only for those who may see the offer, and the
 * pushes to {@code b2b:{offerId}}: {@code b2b:bid} on every accepted bid and
 * {@code b2b:offer-updated} on every change of the offer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeB2BApiTest extends ApiTestBase {

    @Autowired
    private RealtimeServer realtime;

    private final RealtimeClients clients = new RealtimeClients();
    private String run;
    private String importateur;
    private String grossiste;
    private String grossiste2;

    @BeforeAll
    void parties() {
        run = UUID.randomUUID().toString().substring(0, 8);
        importateur = TestUsers.seller(baseUrl(), "rt-b2b-imp-" + run + "@zst.test", "importateur");
        grossiste = TestUsers.seller(baseUrl(), "rt-b2b-gro-" + run + "@zst.test", "grossiste");
        grossiste2 = TestUsers.seller(baseUrl(), "rt-b2b-gro2-" + run + "@zst.test", "grossiste");
    }

    @AfterAll
    void closeClients() {
        clients.close();
    }

    private String auction(Instant end) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Conteneur d'huile " + run);
        body.put("base_price", 5_000);
        body.put("min_quantity", 1);
        body.put("available_quantity", 10);
        body.put("offer_type", "auction");
        body.put("target_category", "grossiste");
        body.put("starts_at", Instant.now().minusSeconds(10).toString());
        body.put("ends_at", end.toString());
        Response created = ApiCalls.post(baseUrl() + "/api/v1/b2b/offers", importateur, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private Response bid(String token, String offerId, int amount) {
        return ApiCalls.post(baseUrl() + "/api/v1/b2b/offers/" + offerId + "/respond", token,
                Map.of("response_type", "bid", "amount", amount, "quantity", 2));
    }

    @Test
    void onlyThoseWhoMaySeeAnOfferMayFollowIt() {
        String offerId = auction(Instant.now().plus(1, ChronoUnit.HOURS));
        String fournisseur = TestUsers.seller(baseUrl(), "rt-b2b-fou-" + run + "@zst.test", "fournisseur");
        String customer = TestUsers.signIn(baseUrl(), "rt-b2b-cus-" + run + "@zst.test");
        for (TestSocket refused : new TestSocket[] {clients.signedIn(realtime.port(), fournisseur),
                clients.signedIn(realtime.port(), customer), clients.websocketGuest(realtime.port())}) {
            JsonNode ack = refused.request("b2b:join", Map.of("offerId", offerId));
            assertThat(ack.get("message").asText()).matches("B2B offer .* not found");
            assertThat(refused.next("error")).isEqualTo(ack);
            assertThat(refused.pending("b2b:joined")).isZero();
        }
        for (String allowed : new String[] {importateur, grossiste, TestUsers.admin(baseUrl())}) {
            JsonNode joined = clients.signedIn(realtime.port(), allowed).request("b2b:join", offerId);
            assertThat(joined.get("roomName").asText()).isEqualTo("b2b:" + offerId);
        }
    }

    @Test
    void everyAcceptedBidAndEveryChangeOfTheOfferIsPushedToItsRoom() {
        String offerId = auction(Instant.now().plusSeconds(6));
        TestSocket watcher = clients.signedIn(realtime.port(), grossiste2);
        watcher.request("b2b:join", Map.of("offerId", offerId));

        assertThat(bid(grossiste, offerId, 5_000).status()).isEqualTo(201);
        JsonNode first = watcher.next("b2b:bid");
        assertThat(first.get("offerId").asText()).isEqualTo(offerId);
        assertThat(first.get("current_bid").decimalValue()).isEqualByComparingTo("5000");
        assertThat(first.get("highest_bidder_id").asText()).isEqualTo(TestUsers.userId(baseUrl(), grossiste));
        assertThat(first.get("ends_at").asText()).isNotBlank();
        assertThat(first.get("timestamp").asText()).isNotBlank();
        assertThat(watcher.next("b2b:offer-updated").get("offer").get("current_bid").decimalValue())
                .isEqualByComparingTo("5000");

        // A refused bid pushes nothing; the next accepted one does.
        assertThat(bid(grossiste2, offerId, 5_050).status()).isEqualTo(400);
        assertThat(bid(grossiste2, offerId, 5_100).status()).isEqualTo(201);
        assertThat(watcher.next("b2b:bid").get("current_bid").decimalValue()).isEqualByComparingTo("5100");
        assertThat(watcher.next("b2b:offer-updated").get("offer").get("highest_bidder_id").asText())
                .isEqualTo(TestUsers.userId(baseUrl(), grossiste2));

        // The auction's end is a change of the offer too.
        JsonNode sold;
        do {
            sold = watcher.next("b2b:offer-updated").get("offer");
        } while (!sold.get("status").asText().equals("sold"));
        assertThat(sold.get("current_bid").decimalValue()).isEqualByComparingTo("5100");
        assertThat(watcher.pending("b2b:bid")).isZero();
    }
}
