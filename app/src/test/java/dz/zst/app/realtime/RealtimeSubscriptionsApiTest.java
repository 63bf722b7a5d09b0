package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.shared.UserId;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.RealtimeServer;
import dz.zst.query.realtime.Rooms;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * API.md §11 client events: each answers its reply event and the same object as acknowledgement,
 * or {@code error {message}}; rooms needing a permission are joined only with it. Whether a socket
 * is in a room is checked by emitting to the room, then a marker to the socket's user room: pushes
 * arrive in the order they were emitted, so once the marker is in, a push to the room would be too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeSubscriptionsApiTest extends ApiTestBase {

    @Autowired
    private RealtimeServer realtime;
    @Autowired
    private RealtimeBroadcaster broadcaster;

    private final RealtimeClients clients = new RealtimeClients();
    private String seller;
    private String sellerId;
    private String buyer;
    private String buyerId;
    private String stranger;
    private String admin;
    private String customer;
    private Orders orders;

    @BeforeAll
    void signIn() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        seller = TestUsers.seller(baseUrl(), "rt-seller-" + run + "@zst.test", "fournisseur");
        sellerId = TestUsers.userId(baseUrl(), seller);
        buyer = TestUsers.signIn(baseUrl(), "rt-buyer-" + run + "@zst.test");
        buyerId = TestUsers.userId(baseUrl(), buyer);
        stranger = TestUsers.signIn(baseUrl(), "rt-stranger-" + run + "@zst.test");
        customer = TestUsers.signIn(baseUrl(), "rt-customer-" + run + "@zst.test");
        admin = TestUsers.admin(baseUrl());
        orders = new Orders(baseUrl(), seller, "Oud Realtime " + run);
    }

    @AfterAll
    void closeClients() {
        clients.close();
    }

    @Test
    void joiningAnUnknownReelAnswersAnErrorAndJoinsNothing() {
        TestSocket socket = clients.signedIn(realtime.port(), buyer);
        String reelId = UUID.randomUUID().toString();

        JsonNode ack = socket.request("reel:join", reelId);

        assertThat(ack.get("message").asText()).isNotBlank();
        assertThat(socket.next("error")).isEqualTo(ack);
        assertThat(socket.pending("reel:joined")).isZero();
        assertThat(inRoom(socket, buyerId, Rooms.reel(ReelId.of(reelId)))).isFalse();
    }

    @Test
    void leavingAReelAnswersReelLeft() {
        TestSocket socket = clients.guest(realtime.port());
        String reelId = UUID.randomUUID().toString();

        JsonNode ack = socket.request("reel:leave", reelId);

        assertThat(ack.get("reelId").asText()).isEqualTo(reelId);
        assertThat(socket.next("reel:left")).isEqualTo(ack);
    }

    @Test
    void malformedPayloadsAreAnsweredWithAnError() {
        TestSocket socket = clients.guest(realtime.port());

        assertThat(socket.request("reel:join", "not-a-uuid").get("message").asText()).isEqualTo("reel id must be a UUID");
        assertThat(socket.request("reel:join", 42).get("message").asText()).isEqualTo("reel id must be a UUID");
        assertThat(socket.request("reel:leave", null).get("message").asText()).isEqualTo("reel id must be a UUID");
        assertThat(socket.request("order:subscribe", Map.of()).get("message").asText()).isEqualTo("order id must be a UUID");
        assertThat(socket.request("order:subscribe", Map.of("orderId", UUID.randomUUID().toString(), "token", 7))
                .get("message").asText()).isEqualTo("order token must be a string");
        assertThat(socket.request("b2b:leave", List.of("x")).get("message").asText()).isEqualTo("offer id must be a UUID");
        assertThat(socket.request("ping", null).has("timestamp")).as("the socket still answers").isTrue();
    }

    @Test
    void theBuyerTheSellerAndAnAdminMaySubscribeToAnOrder() {
        String orderId = orders.place(buyer).get("id").asText();

        for (String token : List.of(buyer, seller, admin)) {
            TestSocket socket = clients.signedIn(realtime.port(), token);
            JsonNode ack = socket.request("order:subscribe", orderId);

            assertThat(ack.get("orderId").asText()).isEqualTo(orderId);
            assertThat(ack.get("roomName").asText()).isEqualTo("order:" + orderId);
            assertThat(socket.next("order:subscribed")).isEqualTo(ack);
        }
        TestSocket buyerSocket = clients.signedIn(realtime.port(), buyer);
        buyerSocket.request("order:subscribe", Map.of("orderId", orderId));
        assertThat(inRoom(buyerSocket, buyerId, Rooms.order(OrderId.of(orderId)))).isTrue();
    }

    @Test
    void aGuestSubscribesToAnOrderWithItsAccessToken() {
        JsonNode order = orders.place(null);
        String orderId = order.get("id").asText();
        String accessToken = order.get("access_token").asText();
        TestSocket guest = clients.guest(realtime.port());

        JsonNode withToken = guest.request("order:subscribe", Map.of("orderId", orderId, "token", accessToken));
        JsonNode withAccessToken = guest.request("order:subscribe", Map.of("orderId", orderId, "accessToken", accessToken));

        assertThat(withToken.get("roomName").asText()).isEqualTo("order:" + orderId);
        assertThat(withAccessToken.get("orderId").asText()).isEqualTo(orderId);
    }

    @Test
    void whoMayNotReadAnOrderIsRefusedItsUpdates() {
        JsonNode signedInOrder = orders.place(buyer);
        JsonNode guestOrder = orders.place(null);
        String guestOrderId = guestOrder.get("id").asText();
        TestSocket strangerSocket = clients.signedIn(realtime.port(), stranger);
        TestSocket guest = clients.guest(realtime.port());

        assertRefused(strangerSocket, signedInOrder.get("id").asText());
        assertRefused(strangerSocket, Map.of("orderId", guestOrderId, "token", "not-the-token"));
        assertRefused(guest, guestOrderId);
        assertRefused(guest, Map.of("orderId", guestOrderId, "token", "not-the-token"));
        assertRefused(guest, Map.of("orderId", guestOrderId, "accessToken", signedInOrder.get("id").asText()));
        assertThat(guest.request("order:subscribe", "ZST-000001").get("message").asText())
                .isEqualTo("order id must be a UUID");
        assertThat(guest.pending("order:subscribed")).isZero();
        assertThat(inRoom(strangerSocket, TestUsers.userId(baseUrl(), stranger),
                Rooms.order(OrderId.of(signedInOrder.get("id").asText())))).isFalse();
    }

    @Test
    void unsubscribingFromAnOrderStopsItsUpdates() {
        String orderId = orders.place(buyer).get("id").asText();
        TestSocket socket = clients.signedIn(realtime.port(), buyer);
        socket.request("order:subscribe", orderId);

        JsonNode ack = socket.request("order:unsubscribe", orderId);

        assertThat(ack.get("orderId").asText()).isEqualTo(orderId);
        assertThat(socket.next("order:unsubscribed")).isEqualTo(ack);
        assertThat(inRoom(socket, buyerId, Rooms.order(OrderId.of(orderId)))).isFalse();
    }

    @Test
    void aSellerSubscribesToItsOwnRoom() {
        TestSocket socket = clients.signedIn(realtime.port(), seller);

        JsonNode ack = socket.request("seller:subscribe", null);

        assertThat(ack.get("sellerId").asText()).isEqualTo(sellerId);
        assertThat(ack.get("roomName").asText()).isEqualTo("seller:" + sellerId);
        assertThat(socket.next("seller:subscribed")).isEqualTo(ack);
        assertThat(inRoom(socket, sellerId, Rooms.seller(UserId.of(sellerId)))).isTrue();
    }

    @Test
    void customersAdminsAndGuestsAreRefusedSellerUpdates() {
        for (TestSocket socket : List.of(clients.signedIn(realtime.port(), customer),
                clients.signedIn(realtime.port(), admin), clients.guest(realtime.port()))) {
            JsonNode ack = socket.request("seller:subscribe", null);

            assertThat(ack.get("message").asText()).isEqualTo("only sellers can subscribe to seller updates");
            assertThat(socket.next("error")).isEqualTo(ack);
            assertThat(socket.pending("seller:subscribed")).isZero();
        }
    }

    @Test
    void anOfferNobodyMaySeeCanNotBeJoinedButLeavingIsAnswered() {
        TestSocket socket = clients.guest(realtime.port());
        String offerId = UUID.randomUUID().toString();

        assertThat(socket.request("b2b:join", offerId).get("message").asText()).matches("B2B offer .* not found");
        assertThat(socket.next("error").get("message").asText()).matches("B2B offer .* not found");
        JsonNode left = socket.request("b2b:leave", Map.of("offerId", offerId));
        assertThat(left.get("offerId").asText()).isEqualTo(offerId);
        assertThat(socket.next("b2b:left")).isEqualTo(left);
    }

    private static void assertRefused(TestSocket socket, Object subscription) {
        JsonNode ack = socket.request("order:subscribe", subscription);
        assertThat(ack.get("message").asText()).as("refused %s", subscription).matches("Order .* not found");
        assertThat(socket.next("error")).isEqualTo(ack);
    }

    /** Whether {@code socket}, signed in as {@code userId}, is in {@code room}. */
    private boolean inRoom(TestSocket socket, String userId, String room) {
        String probe = "test:probe-" + UUID.randomUUID();
        String marker = "test:marker-" + UUID.randomUUID();
        broadcaster.emit(List.of(room), probe, Map.of());
        broadcaster.emit(List.of(Rooms.user(UserId.of(userId))), marker, Map.of());
        socket.next(marker);
        return socket.pending(probe) > 0;
    }
}
