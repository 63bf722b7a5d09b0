package dz.zst.app.b2b;

import static dz.zst.app.b2b.OfferStream.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.b2b.OfferStream.Party;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import dz.zst.domain.b2b.B2BEvents.B2BAuctionEndingSoonEvent;
import dz.zst.domain.b2b.B2BEvents.B2BAuctionWonEvent;
import dz.zst.domain.b2b.B2BEvents.B2BBidPlacedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BNegotiationAcceptedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BNegotiationRejectedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BNegotiationSubmittedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BOfferClosedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BOfferExpiredEvent;
import dz.zst.domain.b2b.B2BEvents.B2BResponseWithdrawnEvent;
import dz.zst.domain.b2b.B2BQueries.FindB2BResponseQuery;
import dz.zst.domain.b2b.B2BResponseId;
import dz.zst.domain.b2b.B2BResponseView;
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.b2b.ResponseStatus;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.projection.b2b.B2BOfferProjection;
import dz.zst.query.shared.Reads;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The B2B read side (API.md §3, §8): the b2b projection folds every event of an offer's stream,
 * written into the real event store with its actors, and every GET route shows it to exactly those
 * who may see it.
 */
class B2BOfferReadApiTest extends ApiTestBase {

    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionManager transactions;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private B2BOfferProjection projection;
    @Autowired
    private Reads reads;

    private Party importateur;
    private Party grossiste1;
    private Party grossiste2;
    private Party grossiste3;
    private Party fournisseur;
    private Party customer;
    private Party admin;

    @BeforeEach
    void users() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        importateur = seller("b2b-imp-" + run, "importateur");
        grossiste1 = seller("b2b-gro1-" + run, "grossiste");
        grossiste2 = seller("b2b-gro2-" + run, "grossiste");
        grossiste3 = seller("b2b-gro3-" + run, "grossiste");
        fournisseur = seller("b2b-fou-" + run, "fournisseur");
        String customerToken = TestUsers.signIn(baseUrl(), "b2b-cus-" + run + "@zst.test");
        customer = new Party(customerToken, TestUsers.userId(baseUrl(), customerToken), "customer");
        String adminToken = TestUsers.admin(baseUrl());
        admin = new Party(adminToken, TestUsers.userId(baseUrl(), adminToken), "admin");
    }

    private Party seller(String name, String tier) {
        String token = TestUsers.seller(baseUrl(), name + "@zst.test", tier);
        return new Party(token, TestUsers.userId(baseUrl(), token), "seller");
    }

    private OfferStream stream() {
        return new OfferStream(eventStore, transactions, jdbc);
    }

    private Response get(String path, Party caller) {
        return ApiCalls.get(baseUrl() + "/api/v1/b2b" + path, caller == null ? null : caller.token());
    }

    private JsonNode ok(String path, Party caller) {
        Response response = get(path, caller);
        assertThat(response.status()).as(path + " " + response.raw()).isEqualTo(200);
        return response.body();
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("data").spliterator(), false).map(item -> item.get("id").asText())
                .toList();
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    /** An auction of the importateur: three bids (one a raise over the bidder that outbid it), then won. */
    private OfferStream soldAuction(Instant end, Instant extendedEnd) throws InterruptedException {
        OfferStream auction = stream();
        B2BResponseId first = B2BResponseId.random();
        B2BResponseId second = B2BResponseId.random();
        B2BResponseId raise = B2BResponseId.random();
        auction.append(created(auction.offerId, importateur, SellerCategory.IMPORTATEUR, "Riz basmati",
                        OfferType.AUCTION, SellerCategory.GROSSISTE, end), importateur)
                .append(new B2BBidPlacedEvent(auction.offerId, first, grossiste1.id(), importateur.id(),
                        money("100000.00"), 20, "Premier", null, end, false), grossiste1)
                .append(new B2BBidPlacedEvent(auction.offerId, second, grossiste2.id(), importateur.id(),
                        money("110000.50"), 30, null, grossiste1.aside(first), extendedEnd, true), grossiste2)
                .append(new B2BAuctionEndingSoonEvent(auction.offerId, extendedEnd,
                        List.of(grossiste1.id(), grossiste2.id())), null)
                .append(new B2BBidPlacedEvent(auction.offerId, raise, grossiste1.id(), importateur.id(),
                        money("120000.00"), 20, null, grossiste2.aside(second), extendedEnd, false), grossiste1)
                .append(new B2BAuctionWonEvent(auction.offerId, importateur.id(), raise, grossiste1.id(),
                        money("120000.00"), 20, List.of(grossiste2.aside(second))), null);
        return auction.folded();
    }

    @Test
    void anAuctionIsFoldedBidByBidAndShownOnlyToThoseWhoMaySeeIt() throws InterruptedException {
        Instant end = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant extendedEnd = end.plus(2, ChronoUnit.MINUTES);
        OfferStream negotiable = stream();
        negotiable.append(created(negotiable.offerId, importateur, SellerCategory.IMPORTATEUR, "Sucre roux",
                OfferType.NEGOTIABLE, SellerCategory.GROSSISTE, null), importateur).folded();
        OfferStream auction = soldAuction(end, extendedEnd);
        OfferStream downstream = stream();
        downstream.append(created(downstream.offerId, grossiste3, SellerCategory.GROSSISTE, "Huile",
                OfferType.NEGOTIABLE, SellerCategory.FOURNISSEUR, null), grossiste3).folded();

        JsonNode sold = ok("/offers/" + auction.id(), importateur);
        assertThat(sold.get("status").asText()).isEqualTo("sold");
        assertThat(sold.get("offer_type").asText()).isEqualTo("auction");
        assertThat(sold.get("current_bid").decimalValue()).isEqualByComparingTo("120000");
        assertThat(sold.get("highest_bidder_id").asText()).isEqualTo(grossiste1.userId());
        assertThat(Instant.parse(sold.get("ends_at").asText())).isEqualTo(extendedEnd);
        assertThat(sold.get("responses_count").asLong()).isEqualTo(3);
        assertThat(sold.get("target_category").asText()).isEqualTo("grossiste");
        assertThat(sold.get("base_price").decimalValue()).isEqualByComparingTo("100000");
        assertThat(sold.get("images").get(0).asText()).endsWith("Riz basmati.jpg");
        assertThat(sold.get("seller").get("id").asText()).isEqualTo(importateur.userId());
        assertThat(sold.get("seller").get("seller_category").asText()).isEqualTo("importateur");

        // A grossiste sees the active offer aimed at its tier, not the sold one, not the fournisseurs' one.
        assertThat(ok("/offers/" + negotiable.id(), grossiste3).get("title").asText()).isEqualTo("Sucre roux");
        for (Party outsider : new Party[] {grossiste3, fournisseur, customer, null}) {
            Response hidden = get("/offers/" + auction.id(), outsider);
            assertThat(hidden.status()).as(String.valueOf(outsider)).isEqualTo(404);
            assertThat(hidden.body().get("message").asText()).contains("not found");
        }
        for (Party outsider : new Party[] {fournisseur, customer, null}) {
            assertThat(get("/offers/" + negotiable.id(), outsider).status()).isEqualTo(404);
        }
        assertThat(get("/offers/" + UUID.randomUUID(), admin).status()).isEqualTo(404);
        assertThat(get("/offers/not-a-uuid", admin).status()).isEqualTo(404);
        assertThat(ok("/offers/" + downstream.id(), fournisseur).get("target_category").asText())
                .isEqualTo("fournisseur");
        assertThat(ok("/offers/" + downstream.id(), grossiste3).get("status").asText()).isEqualTo("active");
        assertThat(get("/offers/" + downstream.id(), grossiste1).status()).isEqualTo(404);
        assertThat(ok("/offers/" + auction.id(), admin).get("status").asText()).isEqualTo("sold");

        List<String> grossisteList = ids(ok("/offers?limit=100", grossiste3));
        assertThat(grossisteList).contains(negotiable.id(), downstream.id()).doesNotContain(auction.id());
        assertThat(ids(ok("/offers?limit=100&status=sold", grossiste3))).doesNotContain(auction.id());
        assertThat(ids(ok("/offers?limit=100&status=sold", importateur))).containsExactly(auction.id());
        assertThat(ids(ok("/offers?limit=100", fournisseur))).contains(downstream.id())
                .doesNotContain(negotiable.id(), auction.id());
        assertThat(ids(ok("/offers?limit=100&status=sold&offer_type=auction", admin))).contains(auction.id());
        assertThat(ids(ok("/offers?limit=100&target_category=fournisseur", grossiste3)))
                .contains(downstream.id()).doesNotContain(negotiable.id());
        assertThat(get("/offers", customer).status()).isEqualTo(403);
        assertThat(get("/offers", null).status()).isEqualTo(401);
        assertThat(get("/offers?status=open", admin).status()).isEqualTo(400);
        assertThat(get("/offers?offer_type=lot", admin).status()).isEqualTo(400);
        assertThat(get("/offers?limit=101", admin).status()).isEqualTo(400);

        // The owner's own offers in every status, newest first, paged by the contract's meta.
        JsonNode mine = ok("/my-offers", importateur);
        assertThat(ids(mine)).containsExactly(auction.id(), negotiable.id());
        JsonNode second = ok("/my-offers?page=2&limit=1", importateur);
        assertThat(ids(second)).containsExactly(negotiable.id());
        assertThat(second.get("meta")).isEqualTo(ApiCalls.JSON.valueToTree(
                Map.of("page", 2, "limit", 1, "total", 2, "totalPages", 2)));
        assertThat(ids(ok("/my-offers?status=active", importateur))).containsExactly(negotiable.id());
        assertThat(ok("/my-offers?page=3&limit=1", importateur).get("data")).isEmpty();
        assertThat(get("/my-offers", customer).status()).isEqualTo(403);

        // Responses: every one for the owner and admins, a bidder's own (even once sold), none to others.
        JsonNode all = ok("/offers/" + auction.id() + "/responses", importateur);
        assertThat(all.get("meta").get("total").asLong()).isEqualTo(3);
        assertThat(StreamSupport.stream(all.get("data").spliterator(), false)
                .map(r -> (r.get("buyer_id").asText().equals(grossiste1.userId()) ? "g1:" : "g2:")
                        + r.get("status").asText() + ":" + r.get("amount").decimalValue().stripTrailingZeros()
                        .toPlainString())
                // Newest first, but bids appended within one millisecond tie on created_at (order by id then).
                .toList()).containsExactlyInAnyOrder("g1:accepted:120000", "g2:rejected:110000.5", "g1:rejected:100000");
        JsonNode first = StreamSupport.stream(all.get("data").spliterator(), false)
                .filter(r -> r.get("amount").decimalValue().compareTo(new BigDecimal("100000")) == 0).findFirst()
                .orElseThrow();
        assertThat(first.get("message").asText()).isEqualTo("Premier");
        assertThat(first.get("response_type").asText()).isEqualTo("bid");
        assertThat(all.get("data").get(2).get("offer_id").asText()).isEqualTo(auction.id());
        assertThat(ok("/offers/" + auction.id() + "/responses", admin).get("meta").get("total").asLong())
                .isEqualTo(3);
        JsonNode own = ok("/offers/" + auction.id() + "/responses?limit=1", grossiste1);
        assertThat(own.get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(own.get("meta").get("totalPages").asLong()).isEqualTo(2);
        assertThat(own.get("data").get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(ok("/offers/" + auction.id() + "/responses", grossiste2).get("meta").get("total").asLong())
                .isEqualTo(1);
        for (Party outsider : new Party[] {grossiste3, fournisseur, customer}) {
            assertThat(get("/offers/" + auction.id() + "/responses", outsider).status()).isEqualTo(404);
        }
        assertThat(get("/offers/" + auction.id() + "/responses", null).status()).isEqualTo(401);
        assertThat(ok("/offers/" + negotiable.id() + "/responses", grossiste3).get("data")).isEmpty();

        JsonNode bids = ok("/my-responses", grossiste1);
        assertThat(bids.get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(bids.get("data").get(0).get("buyer_id").asText()).isEqualTo(grossiste1.userId());
        assertThat(ok("/my-responses", grossiste3).get("data")).isEmpty();
        assertThat(get("/my-responses", customer).status()).isEqualTo(403);

        // The history, from the event store, with the actor of every event.
        JsonNode history = ok("/offers/" + auction.id() + "/history", importateur);
        assertThat(history.get("offer_id").asText()).isEqualTo(auction.id());
        JsonNode events = history.get("events");
        assertThat(StreamSupport.stream(events.spliterator(), false).map(e -> e.get("type").asText()).toList())
                .containsExactly("B2BOfferCreatedEvent", "B2BBidPlacedEvent", "B2BBidPlacedEvent",
                        "B2BAuctionEndingSoonEvent", "B2BBidPlacedEvent", "B2BAuctionWonEvent");
        List<String> actors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence").asLong()).isEqualTo(i);
            assertThat(events.get(i).get("at").asText()).isNotBlank();
            JsonNode actor = events.get(i).get("actor");
            actors.add(actor.isNull() ? "platform" : actor.get("user_id").asText() + "/" + actor.get("role").asText());
        }
        assertThat(actors).containsExactly(importateur.userId() + "/seller", grossiste1.userId() + "/seller",
                grossiste2.userId() + "/seller", "platform", grossiste1.userId() + "/seller", "platform");
        JsonNode outbidding = events.get(2).get("data");
        assertThat(outbidding.get("bidder_id").asText()).isEqualTo(grossiste2.userId());
        assertThat(outbidding.get("amount").decimalValue()).isEqualByComparingTo("110000.50");
        assertThat(outbidding.get("outbid").get("buyer_id").asText()).isEqualTo(grossiste1.userId());
        assertThat(outbidding.get("offer_id").asText()).isEqualTo(auction.id());
        assertThat(ok("/offers/" + auction.id() + "/history", admin).get("events").size()).isEqualTo(6);
        for (Party outsider : new Party[] {grossiste1, grossiste3, fournisseur, customer}) {
            assertThat(get("/offers/" + auction.id() + "/history", outsider).status()).isEqualTo(404);
        }
        assertThat(get("/offers/" + negotiable.id() + "/history", grossiste3).status()).isEqualTo(404);
        assertThat(get("/offers/" + UUID.randomUUID() + "/history", admin).status()).isEqualTo(404);
    }

    @Test
    void negotiationsAreAcceptedRejectedWithdrawnAndSetAsideWhenTheOfferEnds() throws InterruptedException {
        Party grossiste4 = seller("b2b-gro4-" + UUID.randomUUID().toString().substring(0, 8), "grossiste");
        Party grossiste5 = seller("b2b-gro5-" + UUID.randomUUID().toString().substring(0, 8), "grossiste");
        OfferStream offer = stream();
        B2BResponseId rejected = B2BResponseId.random();
        B2BResponseId accepted = B2BResponseId.random();
        B2BResponseId tooLarge = B2BResponseId.random();
        B2BResponseId withdrawn = B2BResponseId.random();
        B2BResponseId last = B2BResponseId.random();
        offer.append(created(offer.offerId, importateur, SellerCategory.IMPORTATEUR, "Farine", OfferType.NEGOTIABLE,
                        SellerCategory.GROSSISTE, null), importateur)
                .append(negotiation(offer, rejected, grossiste1, 40), grossiste1)
                .append(negotiation(offer, accepted, grossiste2, 50), grossiste2)
                .append(negotiation(offer, tooLarge, grossiste3, 70), grossiste3)
                .append(negotiation(offer, withdrawn, grossiste4, 20), grossiste4)
                .append(new B2BNegotiationAcceptedEvent(offer.offerId, accepted, grossiste2.id(), money("95000"), 50,
                        50, List.of(grossiste3.aside(tooLarge)), false), importateur)
                .folded();
        JsonNode half = ok("/offers/" + offer.id(), grossiste1);
        assertThat(half.get("available_quantity").asInt()).isEqualTo(50);
        assertThat(half.get("status").asText()).isEqualTo("active");
        assertThat(half.get("current_bid").isNull()).isTrue();

        offer.append(new B2BResponseWithdrawnEvent(offer.offerId, withdrawn, grossiste4.id()), grossiste4)
                .append(new B2BNegotiationRejectedEvent(offer.offerId, rejected, grossiste1.id()), importateur)
                .append(negotiation(offer, last, grossiste5, 50), grossiste5)
                .append(new B2BNegotiationAcceptedEvent(offer.offerId, last, grossiste5.id(), money("95000"), 50, 0,
                        List.of(), true), importateur)
                .folded();
        JsonNode soldOut = ok("/offers/" + offer.id(), importateur);
        assertThat(soldOut.get("status").asText()).isEqualTo("sold");
        assertThat(soldOut.get("available_quantity").asInt()).isEqualTo(0);
        assertThat(soldOut.get("responses_count").asLong()).isEqualTo(5);
        assertThat(statuses(offer)).isEqualTo(Map.of(rejected.toString(), "rejected", accepted.toString(),
                "accepted", tooLarge.toString(), "rejected", withdrawn.toString(), "withdrawn", last.toString(),
                "accepted"));
        JsonNode negotiationRow = ok("/my-responses", grossiste2).get("data").get(0);
        assertThat(negotiationRow.get("response_type").asText()).isEqualTo("negotiation");
        assertThat(negotiationRow.get("quantity").asInt()).isEqualTo(50);
        assertThat(negotiationRow.get("amount").decimalValue()).isEqualByComparingTo("95000");
        assertThat(Instant.parse(negotiationRow.get("updated_at").asText()))
                .isAfter(Instant.parse(negotiationRow.get("created_at").asText()));

        OfferStream closed = stream();
        B2BResponseId pendingAtClose = B2BResponseId.random();
        closed.append(created(closed.offerId, importateur, SellerCategory.IMPORTATEUR, "Lentilles",
                        OfferType.NEGOTIABLE, SellerCategory.GROSSISTE, null), importateur)
                .append(negotiation(closed, pendingAtClose, grossiste1, 30), grossiste1)
                .append(new B2BOfferClosedEvent(closed.offerId, importateur.id(),
                        List.of(grossiste1.aside(pendingAtClose))), importateur)
                .folded();
        OfferStream expired = stream();
        B2BResponseId pendingAtEnd = B2BResponseId.random();
        expired.append(created(expired.offerId, importateur, SellerCategory.IMPORTATEUR, "Pois chiches",
                        OfferType.NEGOTIABLE, SellerCategory.GROSSISTE, Instant.now().plusSeconds(5)), importateur)
                .append(negotiation(expired, pendingAtEnd, grossiste2, 30), grossiste2)
                .append(new B2BOfferExpiredEvent(expired.offerId, importateur.id(),
                        List.of(grossiste2.aside(pendingAtEnd))), null)
                .folded();
        assertThat(statuses(closed)).isEqualTo(Map.of(pendingAtClose.toString(), "rejected"));
        assertThat(statuses(expired)).isEqualTo(Map.of(pendingAtEnd.toString(), "rejected"));
        assertThat(ids(ok("/offers?limit=100&status=closed", admin))).contains(closed.id())
                .doesNotContain(offer.id(), expired.id());
        assertThat(ids(ok("/offers?limit=100&status=expired", admin))).contains(expired.id())
                .doesNotContain(closed.id());
        assertThat(ids(ok("/my-offers?status=closed", importateur))).containsExactly(closed.id());
        assertThat(ids(ok("/offers?limit=100&offer_type=auction&status=sold", admin))).doesNotContain(offer.id());
        assertThat(ids(ok("/offers?limit=100&offer_type=negotiable&status=sold", admin))).contains(offer.id());
        // Gone from the tier's list once no longer active; still there for those who responded to it.
        assertThat(get("/offers/" + closed.id(), grossiste1).status()).isEqualTo(200);
        assertThat(ids(ok("/offers?limit=100&status=closed", grossiste1))).contains(closed.id());
        assertThat(get("/offers/" + closed.id(), grossiste2).status()).isEqualTo(404);
        assertThat(ok("/offers/" + closed.id() + "/responses", grossiste1).get("meta").get("total").asLong())
                .isEqualTo(1);
        assertThat(get("/offers/" + closed.id() + "/responses", grossiste2).status()).isEqualTo(404);

        // One response, for the writers' answers: its buyer, its offer's owner or an admin.
        for (Party reader : new Party[] {grossiste2, importateur, admin}) {
            assertThat(reads.ask(new FindB2BResponseQuery(accepted, actor(reader)), B2BResponseView.class).status())
                    .isEqualTo(ResponseStatus.ACCEPTED);
        }
        for (Party outsider : new Party[] {grossiste1, fournisseur, customer}) {
            assertThatThrownBy(() -> reads.ask(new FindB2BResponseQuery(accepted, actor(outsider)),
                    B2BResponseView.class)).isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> reads.ask(new FindB2BResponseQuery(accepted, null), B2BResponseView.class))
                .isInstanceOf(NotFoundException.class);
    }

    private Actor actor(Party party) {
        Role role = Role.valueOf(party.role().toUpperCase());
        SellerCategory tier = party == importateur ? SellerCategory.IMPORTATEUR
                : party == fournisseur ? SellerCategory.FOURNISSEUR
                : role == Role.SELLER ? SellerCategory.GROSSISTE : null;
        return new Actor(party.id(), role, tier);
    }

    @Test
    void aReplayRebuildsTheSameOffersAndResponses() throws InterruptedException {
        Instant end = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        soldAuction(end, end.plus(2, ChronoUnit.MINUTES));
        OfferStream negotiable = stream();
        B2BResponseId response = B2BResponseId.random();
        negotiable.append(created(negotiable.offerId, importateur, SellerCategory.IMPORTATEUR, "Semoule",
                        OfferType.NEGOTIABLE, SellerCategory.GROSSISTE, null), importateur)
                .append(negotiation(negotiable, response, grossiste1, 30), grossiste1)
                .append(new B2BNegotiationAcceptedEvent(negotiable.offerId, response, grossiste1.id(), money("95000"),
                        30, 70, List.of(), false), importateur)
                .folded();

        List<Map<String, Object>> before = rows();
        jdbc.sql("UPDATE b2b_offers SET status = 'damaged', responses_count = -1").update();
        jdbc.sql("UPDATE b2b_responses SET status = 'damaged'").update();
        assertThat(rows()).isNotEqualTo(before);

        ProjectionReplays.replay(baseUrl(), admin.token(), "b2b");
        ProjectionReplays.awaitRebuilt(baseUrl(), admin.token(), "b2b", this::rows, before, () -> { });
    }

    /**
     * An event that commits after a later one is a gap the processor comes back to, its token then
     * the later event's index. The row keeps the event's own index, as a replay (which finds no
     * gap) stores it: the replay test above compared the two, and failed whenever a test's event
     * happened to commit late.
     */
    @Test
    void anEventCommittedAfterALaterOneKeepsItsOwnPositionAsAReplayWouldStoreIt() throws Exception {
        OfferStream late = stream();
        OfferStream early = stream();
        late.appendCommittingAfter(created(late.offerId, importateur, SellerCategory.IMPORTATEUR, "Pois chiches",
                OfferType.NEGOTIABLE, SellerCategory.GROSSISTE, null), importateur,
                () -> early.append(created(early.offerId, importateur, SellerCategory.IMPORTATEUR, "Lentilles",
                        OfferType.NEGOTIABLE, SellerCategory.GROSSISTE, null), importateur).folded());
        late.folded();

        long own = globalIndex(late);
        assertThat(own).as("the late event took its index before the early one").isLessThan(globalIndex(early));
        assertThat(jdbc.sql("SELECT position FROM b2b_offers WHERE id = ?").param(late.offerId.value())
                .query(Long.class).single()).isEqualTo(own);
    }

    private long globalIndex(OfferStream offer) {
        return jdbc.sql("SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(offer.id()).query(Long.class).single();
    }

    /**
     * Each event of a folded offer's stream delivered again at its own position, as a processor
     * does after a crash before its token was stored: every row it touches (the offer, the new bid,
     * the outbid one, the winner, the losers) already folded it or a later event, and stays as it
     * is; no reader sees a sold auction's bid outbid again in between.
     */
    @Test
    void aRedeliveredStreamChangesNoRow() throws Exception {
        Instant end = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        OfferStream auction = soldAuction(end, end.plus(2, ChronoUnit.MINUTES));
        List<Map<String, Object>> before = rows();
        List<Long> positions = jdbc.sql("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber").param(auction.id()).query(Long.class).list();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(auction.id(), 0).forEachRemaining(events::add);
        assertThat(events).hasSameSizeAs(positions).hasSize(6);

        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        for (int i = 0; i < events.size(); i++) {
            var redelivered = new GenericTrackedDomainEventMessage<>(
                    new GlobalSequenceTrackingToken(positions.get(i)), events.get(i));
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(redelivered);
            handlers.handle(redelivered);
            unitOfWork.commit();
            assertThat(rows()).as("after event " + i + " again").isEqualTo(before);
        }
    }

    private List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.sql("""
                SELECT id, seller_id, title, description, images::text AS images, tags::text AS tags, base_price,
                       min_quantity, available_quantity, offer_type, status, current_bid, highest_bidder_id, starts_at,
                       ends_at, target_category, responses_count, created_at, updated_at, version, position
                FROM b2b_offers ORDER BY id""").query().listOfRows());
        rows.addAll(jdbc.sql("""
                SELECT id, offer_id, buyer_id, response_type, status, amount, quantity, message, created_at,
                       updated_at, position
                FROM b2b_responses ORDER BY id""").query().listOfRows());
        return rows;
    }

    /** A negotiation on one of the importateur's offers. */
    private B2BNegotiationSubmittedEvent negotiation(OfferStream offer, B2BResponseId response, Party buyer,
                                                     int quantity) {
        return new B2BNegotiationSubmittedEvent(offer.offerId, response, buyer.id(), importateur.id(),
                money("95000"), quantity, "Prix de gros ?");
    }

    private Map<String, String> statuses(OfferStream offer) {
        Map<String, String> statuses = new HashMap<>();
        for (JsonNode response : ok("/offers/" + offer.id() + "/responses?limit=100", admin).get("data")) {
            statuses.put(response.get("id").asText(), response.get("status").asText());
        }
        return statuses;
    }
}
