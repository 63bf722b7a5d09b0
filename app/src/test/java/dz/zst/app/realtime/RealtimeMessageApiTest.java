package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.messages.Talk;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.SecondNode;
import dz.zst.app.support.TestUsers;
import dz.zst.app.support.ApiTestBase;
import dz.zst.query.realtime.RealtimeServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code message:new} and {@code conversation:read} (API.md §13) with the real Socket.IO client: a
 * message reaches both participants' sockets on every node, as the object the REST routes answer,
 * in the order the event store holds the conversation's messages, the same for every socket; a
 * read reaches the other participant only.
 */
class RealtimeMessageApiTest extends ApiTestBase {

    @Autowired
    private RealtimeServer realtime;

    @Test
    void messagesReachBothParticipantsOnEveryNodeInTheStoresOrderAndAReadReachesTheOther() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Talk talk = new Talk(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "rt-msg-sel-" + run + "@zst.test", "fournisseur");
        String shopper = TestUsers.signIn(baseUrl(), "rt-msg-shop-" + run + "@zst.test");
        String stranger = TestUsers.signIn(baseUrl(), "rt-msg-x-" + run + "@zst.test");
        String sellerId = TestUsers.userId(baseUrl(), seller);
        String shopperId = TestUsers.userId(baseUrl(), shopper);
        String product = talk.product(seller, "Parfum en direct " + run);
        try (SecondNode nodeB = new SecondNode(environment); RealtimeClients clients = new RealtimeClients()) {
            TestSocket shopperOnA = clients.signedIn(realtime.port(), shopper);
            TestSocket sellerOnA = clients.signedIn(realtime.port(), seller);
            TestSocket sellerOnB = clients.signedIn(nodeB.bean(RealtimeServer.class).port(), seller);
            TestSocket strangerOnA = clients.signedIn(realtime.port(), stranger);

            ApiCalls.Response opened = talk.open(shopper, sellerId, "product", product, "Bonjour !");
            assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
            String id = opened.body().get("conversation").get("id").asText();
            JsonNode first = opened.body().get("message");
            for (TestSocket socket : List.of(shopperOnA, sellerOnA, sellerOnB)) {
                JsonNode pushed = socket.next("message:new");
                assertThat(pushed.get("conversationId").asText()).isEqualTo(id);
                assertThat(pushed.get("message")).isEqualTo(first);
            }

            ExecutorService both = Executors.newFixedThreadPool(2);
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (String token : List.of(shopper, seller)) {
                sending.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 8; i++) {
                        talk.said(token, id, (token.equals(shopper) ? "client " : "vendeur ") + i);
                    }
                }, both));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get();
            both.shutdown();
            List<String> stored = new ArrayList<>();
            talk.get(shopper, "/" + id + "/messages?limit=100").get("data")
                    .forEach(m -> stored.add(0, m.get("id").asText()));
            assertThat(stored).hasSize(17);
            for (TestSocket socket : List.of(shopperOnA, sellerOnA, sellerOnB)) {
                List<String> received = new ArrayList<>(List.of(first.get("id").asText()));
                for (int i = 0; i < 16; i++) {
                    received.add(socket.next("message:new").get("message").get("id").asText());
                }
                assertThat(received).as("the event store's order").isEqualTo(stored);
            }
            assertThat(strangerOnA.poll("message:new", 300)).isNull();

            ApiCalls.Response read = talk.read(seller, id);
            assertThat(read.status()).as(read.raw()).isEqualTo(200);
            JsonNode told = shopperOnA.next("conversation:read");
            assertThat(told.get("conversationId").asText()).isEqualTo(id);
            assertThat(told.get("userId").asText()).isEqualTo(sellerId);
            assertThat(told.get("read_at").asText()).isEqualTo(read.body().get("read_at").asText());
            assertThat(sellerOnA.poll("conversation:read", 300)).isNull();
            assertThat(sellerOnB.poll("conversation:read", 100)).isNull();
            assertThat(shopperId).isNotEqualTo(sellerId);
        }
    }
}
