package dz.zst.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each fact of API.md §10 notifies exactly its recipients, once each, driven through the real API:
 * orders through checkout and the seller's status moves, B2B through offers, bids and negotiations,
 * and auctions that end by themselves (the test profile's auctions last seconds).
 */
class NotificationKindsApiTest extends ApiTestBase {

    private Inbox inbox;
    private String run;

    @BeforeEach
    void setUp() {
        inbox = new Inbox(baseUrl());
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private String user(String name, String tier) {
        String email = "ntf-" + name + "-" + run + "@zst.test";
        return tier == null ? TestUsers.signIn(baseUrl(), email) : TestUsers.seller(baseUrl(), email, tier);
    }

    @Test
    void anOrderNotifiesItsSellerWhenPlacedAndItsBuyerAsItMoves() {
        String seller = user("seller", "fournisseur");
        String buyer = user("buyer", null);
        String product = inbox.product(seller, "Oud Royal " + run);

        JsonNode order = inbox.order(buyer, product, 2);
        String id = order.get("id").asText();
        JsonNode placed = inbox.one(seller, "new_order", "order_id", id);
        assertThat(placed.get("title").asText()).isEqualTo("Nouvelle commande");
        assertThat(placed.get("message").asText()).contains(order.get("order_number").asText()).contains("2 article(s)");
        assertThat(placed.get("data").get("order_number").asText()).isEqualTo(order.get("order_number").asText());
        assertThat(placed.get("read").asBoolean()).isFalse();
        assertThat(placed.get("read_at").isNull()).isTrue();
        assertThat(placed.get("created_at").asText()).isNotBlank();

        inbox.move(seller, id, "confirmed");
        assertThat(inbox.one(buyer, "order_confirmed", "order_id", id).get("title").asText())
                .isEqualTo("Commande confirmée");
        inbox.move(seller, id, "processing");
        inbox.move(seller, id, "shipped");
        assertThat(inbox.one(buyer, "order_shipped", "order_id", id).get("message").asText())
                .contains(order.get("order_number").asText());
        inbox.move(seller, id, "delivered");
        inbox.one(buyer, "order_delivered", "order_id", id);

        String cancelled = inbox.order(buyer, product, 1).get("id").asText();
        assertThat(ApiCalls.post(baseUrl() + "/api/v1/orders/" + cancelled + "/cancel", buyer, null).status())
                .isEqualTo(200);
        inbox.one(buyer, "order_cancelled", "order_id", cancelled);
        inbox.one(seller, "new_order", "order_id", cancelled);

        // Processing is no news to the buyer; the buyer's notifications are not the seller's.
        assertThat(inbox.all(buyer)).extracting(n -> n.get("type").asText()).containsExactlyInAnyOrder(
                "order_confirmed", "order_shipped", "order_delivered", "order_cancelled");
        assertThat(inbox.all(seller)).extracting(n -> n.get("type").asText())
                .containsExactlyInAnyOrder("new_order", "new_order");
    }

    @Test
    void aGuestsOrderNotifiesOnlyItsSeller() {
        String seller = user("gseller", "fournisseur");
        String id = inbox.order(null, inbox.product(seller, "Musc Blanc " + run), 1).get("id").asText();
        inbox.one(seller, "new_order", "order_id", id);
        inbox.move(seller, id, "confirmed");
        inbox.move(seller, id, "cancelled");
        assertThat(inbox.all(seller)).hasSize(1);
    }

    @Test
    void aNewOfferReachesEverySellerOfItsTargetTierAndNobodyElse() {
        String importateur = user("imp", "importateur");
        List<String> grossistes = List.of(user("gro1", "grossiste"), user("gro2", "grossiste"),
                user("gro3", "grossiste"));
        String fournisseur = user("fou", "fournisseur");
        String customer = user("cus", null);

        String offer = inbox.offer(importateur, "Conteneur de thé " + run, "negotiable", "grossiste", null);
        for (String grossiste : grossistes) {
            JsonNode told = inbox.one(grossiste, "new_offer", "offer_id", offer);
            assertThat(told.get("title").asText()).isEqualTo("Nouvelle offre B2B");
            assertThat(told.get("message").asText()).contains("Conteneur de thé " + run).contains("5000 DZD");
        }
        // Others were told nothing (the fan-out is committed in one batch with the grossistes').
        assertThat(inbox.all(fournisseur)).isEmpty();
        assertThat(inbox.all(customer)).isEmpty();
        assertThat(inbox.all(importateur)).isEmpty();
    }

    @Test
    void negotiationsNotifyTheOwnerOfEachAndTheBuyerOfEachDecision() {
        String importateur = user("nimp", "importateur");
        String big = user("nbig", "grossiste");
        String small = user("nsmall", "grossiste");
        String refused = user("nref", "grossiste");
        String offer = inbox.offer(importateur, "Lot de savon " + run, "negotiable", "grossiste", null);

        String bigResponse = inbox.respond(big, offer, "negotiation", 4_000, 45);
        String smallResponse = inbox.respond(small, offer, "negotiation", 4_500, 10);
        String refusedResponse = inbox.respond(refused, offer, "negotiation", 1_000, 1);
        for (String response : List.of(bigResponse, smallResponse, refusedResponse)) {
            inbox.one(importateur, "negotiation_submitted", "response_id", response);
        }

        assertThat(ApiCalls.post(baseUrl() + "/api/v1/b2b/responses/" + refusedResponse + "/reject", importateur,
                null).status()).isEqualTo(200);
        inbox.one(refused, "negotiation_rejected", "response_id", refusedResponse);

        // Accepting 45 of 50 leaves 5: the pending 10 no longer fits and is rejected with it.
        assertThat(ApiCalls.post(baseUrl() + "/api/v1/b2b/responses/" + bigResponse + "/accept", importateur,
                null).status()).isEqualTo(200);
        JsonNode accepted = inbox.one(big, "negotiation_accepted", "response_id", bigResponse);
        assertThat(accepted.get("data").get("offer_id").asText()).isEqualTo(offer);
        inbox.one(small, "negotiation_rejected", "response_id", smallResponse);

        for (String buyer : List.of(big, small, refused)) {
            assertThat(inbox.all(buyer)).extracting(n -> n.get("type").asText())
                    .filteredOn(type -> !type.equals("new_offer")).hasSize(1);
        }
        assertThat(inbox.all(importateur)).hasSize(3);
    }

    @Test
    void anAuctionNotifiesBidsOutbidsItsEndingAndItsWinnerAndLosers() {
        String importateur = user("aimp", "importateur");
        String first = user("afirst", "grossiste");
        String second = user("asecond", "grossiste");
        String offer = inbox.offer(importateur, "Palette d'huile " + run, "auction", "grossiste",
                Instant.now().plusSeconds(5));

        String opening = inbox.respond(first, offer, "bid", 5_000, 2);
        String beating = inbox.respond(second, offer, "bid", 5_100, 2);
        String winning = inbox.respond(first, offer, "bid", 5_200, 2);
        for (String bid : List.of(opening, beating, winning)) {
            inbox.one(importateur, "new_bid", "response_id", bid);
        }
        JsonNode outbid = inbox.one(first, "outbid", "response_id", opening);
        assertThat(outbid.get("message").asText()).contains("5100 DZD");
        inbox.one(second, "outbid", "response_id", beating);

        await().atMost(Duration.ofSeconds(20)).until(() -> !inbox.of(first, "auction_won", "offer_id", offer)
                .isEmpty());
        JsonNode won = inbox.one(first, "auction_won", "offer_id", offer);
        assertThat(won.get("data").get("response_id").asText()).isEqualTo(winning);
        assertThat(won.get("message").asText()).contains("5200 DZD");
        inbox.one(second, "auction_lost", "offer_id", offer);
        inbox.one(first, "auction_ending_soon", "offer_id", offer);
        inbox.one(second, "auction_ending_soon", "offer_id", offer);
        // The winner's own beaten first bid is no loss; the owner hears of bids, not of the end.
        assertThat(inbox.of(first, "auction_lost", "offer_id", offer)).isEmpty();
        assertThat(inbox.all(importateur)).extracting(n -> n.get("type").asText())
                .containsExactly("new_bid", "new_bid", "new_bid");
    }

    @Test
    void anOfferThatEndsUnsoldNotifiesItsOwner() {
        String importateur = user("eimp", "importateur");
        String offer = inbox.offer(importateur, "Stock invendu " + run, "auction", "grossiste",
                Instant.now().plusSeconds(2));
        JsonNode expired = inbox.one(importateur, "offer_expired", "offer_id", offer);
        assertThat(expired.get("message").asText()).contains("Stock invendu " + run);
    }
}
