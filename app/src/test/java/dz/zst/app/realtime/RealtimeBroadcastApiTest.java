package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.shared.UserId;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.RealtimeServer;
import dz.zst.query.realtime.Rooms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** RealtimeBroadcaster.emit on one node: only the sockets in the rooms, each once, rendered like REST. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeBroadcastApiTest extends ApiTestBase {

    /** A view as the REST API renders it: snake_case names, ISO instants, money as a number. */
    record SampleView(UUID orderId, BigDecimal total, Instant createdAt) {
    }

    @Autowired
    private RealtimeServer realtime;
    @Autowired
    private RealtimeBroadcaster broadcaster;
    @Autowired
    private MeterRegistry meters;

    private final RealtimeClients clients = new RealtimeClients();
    private String buyer;
    private UserId buyerId;
    private String other;
    private UserId otherId;
    private Orders orders;

    @BeforeAll
    void signIn() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "rt-bc-seller-" + run + "@zst.test", "fournisseur");
        buyer = TestUsers.signIn(baseUrl(), "rt-bc-buyer-" + run + "@zst.test");
        buyerId = UserId.of(TestUsers.userId(baseUrl(), buyer));
        other = TestUsers.signIn(baseUrl(), "rt-bc-other-" + run + "@zst.test");
        otherId = UserId.of(TestUsers.userId(baseUrl(), other));
        orders = new Orders(baseUrl(), seller, "Musc Realtime " + run);
    }

    @AfterAll
    void closeClients() {
        clients.close();
    }

    @Test
    void aPushReachesOnlyTheSocketsInItsRoomsAndEachOnce() {
        String orderId = orders.place(buyer).get("id").asText();
        TestSocket buyerPhone = clients.signedIn(realtime.port(), buyer);
        TestSocket buyerTablet = clients.signedIn(realtime.port(), buyer);
        TestSocket otherUser = clients.signedIn(realtime.port(), other);
        TestSocket guest = clients.guest(realtime.port());
        buyerPhone.request("order:subscribe", orderId);

        broadcaster.emit(List.of(Rooms.user(buyerId), Rooms.order(OrderId.of(orderId))), "order:status-updated",
                Map.of("orderId", orderId, "status", "confirmed"));
        broadcaster.emit(List.of(Rooms.user(buyerId), Rooms.user(otherId)), "test:marker", Map.of());

        assertThat(buyerPhone.next("order:status-updated").get("status").asText()).isEqualTo("confirmed");
        assertThat(buyerTablet.next("order:status-updated").get("orderId").asText()).isEqualTo(orderId);
        for (TestSocket socket : List.of(buyerPhone, buyerTablet, otherUser)) {
            socket.next("test:marker");
            assertThat(socket.pending("order:status-updated")).as("no second copy, no stray copy").isZero();
        }
        assertThat(guest.request("ping", null).has("timestamp")).isTrue();
        assertThat(guest.pending("order:status-updated")).isZero();
    }

    /**
     * The fan-out keeps each room's sockets between pushes (RoomMembership): a socket that joins or
     * leaves in between gets exactly the pushes sent while it is in.
     */
    @Test
    void aSocketThatJoinsOrLeavesBetweenPushesGetsThoseSentWhileItIsIn() {
        String orderId = orders.place(buyer).get("id").asText();
        List<String> room = List.of(Rooms.order(OrderId.of(orderId)));
        TestSocket early = clients.signedIn(realtime.port(), buyer);
        TestSocket late = clients.signedIn(realtime.port(), buyer);
        early.request("order:subscribe", orderId);

        broadcaster.emit(room, "test:n", Map.of("n", 1));
        assertThat(early.next("test:n").get("n").asInt()).isEqualTo(1);
        late.request("order:subscribe", orderId);
        broadcaster.emit(room, "test:n", Map.of("n", 2));
        assertThat(late.next("test:n").get("n").asInt()).as("joined after a push to the room").isEqualTo(2);
        late.request("order:unsubscribe", orderId);
        broadcaster.emit(room, "test:n", Map.of("n", 3));
        broadcaster.emit(List.of(Rooms.user(buyerId)), "test:marker", Map.of());

        assertThat(early.next("test:n").get("n").asInt()).isEqualTo(2);
        assertThat(early.next("test:n").get("n").asInt()).isEqualTo(3);
        late.next("test:marker");
        assertThat(late.pending("test:n")).as("left before the third").isZero();
    }

    /**
     * Websocket sockets get a push as one frame encoded once for all (WebSocketFrames); sockets on
     * long-polling get it through netty-socketio. Both read the same event, once, in order.
     */
    @Test
    void websocketAndPollingSocketsGetTheSamePushesInOrder() {
        // A user of its own: the class's other tests leave sockets of theirs open in their rooms.
        String user = TestUsers.signIn(baseUrl(), "rt-bc-two-ways-" + UUID.randomUUID() + "@zst.test");
        UserId userId = UserId.of(TestUsers.userId(baseUrl(), user));
        TestSocket websocket = clients.signedIn(realtime.port(), user);
        TestSocket polling = clients.open(realtime.port(), options -> options.setAuth(Map.of("token", user))
                .setTransports(RealtimeClients.POLLING_ONLY)).awaitConnected();

        double framed = pushes("websocket-frame");
        double encodedPerSocket = pushes("netty-socketio");
        for (int i = 1; i <= 3; i++) {
            broadcaster.emit(List.of(Rooms.user(userId)), "test:seq", Map.of("n", i, "text", "é\"'<>\u2028"));
        }
        for (TestSocket socket : List.of(websocket, polling)) {
            for (int i = 1; i <= 3; i++) {
                JsonNode push = socket.next("test:seq");
                assertThat(push.get("n").asInt()).isEqualTo(i);
                assertThat(push.get("text").asText()).isEqualTo("é\"'<>\u2028");
            }
            assertThat(socket.pending("test:seq")).isZero();
        }
        assertThat(pushes("websocket-frame") - framed).as("the websocket socket's, by the shared frame").isEqualTo(3);
        assertThat(pushes("netty-socketio") - encodedPerSocket).as("the polling socket's").isEqualTo(3);
    }

    private double pushes(String way) {
        Counter counter = meters.find("zst.realtime.pushes").tag("way", way).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void payloadsAreRenderedAsTheRestApiRendersThem() {
        TestSocket socket = clients.signedIn(realtime.port(), other);
        UUID orderId = UUID.randomUUID();
        Instant createdAt = Instant.parse("2026-03-01T10:15:30.250Z");

        broadcaster.emit(List.of(Rooms.user(otherId)), "test:view",
                new SampleView(orderId, new BigDecimal("9101.50"), createdAt));
        broadcaster.emit(List.of(Rooms.user(otherId)), "test:map", Map.of("likesCount", 3, "reelId", "r"));

        JsonNode view = socket.next("test:view");
        assertThat(view.get("order_id").asText()).isEqualTo(orderId.toString());
        assertThat(view.get("total").isNumber()).isTrue();
        assertThat(view.get("total").decimalValue()).isEqualByComparingTo("9101.50");
        assertThat(Instant.parse(view.get("created_at").asText())).isEqualTo(createdAt);
        JsonNode map = socket.next("test:map");
        assertThat(map.get("likesCount").asInt()).isEqualTo(3);
        assertThat(map.get("reelId").asText()).isEqualTo("r");
    }

    @Test
    void aPushToRoomsNobodyIsInIsHarmless() {
        TestSocket socket = clients.signedIn(realtime.port(), other);

        broadcaster.emit(List.of(), "test:nowhere", Map.of());
        broadcaster.emit(List.of(Rooms.reel(dz.zst.domain.reels.ReelId.random())), "test:nowhere", Map.of());
        broadcaster.emit(List.of(Rooms.user(otherId)), "test:marker", Map.of());

        socket.next("test:marker");
        assertThat(socket.pending("test:nowhere")).isZero();
    }
}
