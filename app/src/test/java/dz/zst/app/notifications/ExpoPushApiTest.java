package dz.zst.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ExpoStandIn;
import dz.zst.app.support.ExpoStandIn.Send;
import dz.zst.app.support.SecondNode;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mobile pushes of the notifications through Expo's push service, against the JVM's stand-in
 * (ExpoStandIn) speaking Expo's protocol: once per notification, only to a user with a push token,
 * tokens Expo says reach no device cleared, retried after a 429 or an outage, never holding up a
 * command, batches of at most 100, never twice across two nodes or after a replay.
 */
class ExpoPushApiTest extends ApiTestBase {

    private static final int TIER = 101;
    /** The grossistes with push tokens of the batch tests, made once for the class: token → push token. */
    private static final Map<String, String> GROSSISTES = new ConcurrentHashMap<>();

    @Autowired
    private JdbcClient jdbc;

    private final ExpoStandIn expo = ExpoStandIn.shared();
    private Inbox inbox;
    private String run;

    @BeforeEach
    void setUp() {
        inbox = new Inbox(baseUrl());
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private static String pushToken() {
        return "ExponentPushToken[" + UUID.randomUUID().toString().replace("-", "").substring(0, 22) + "]";
    }

    private String register(String token, String pushToken) {
        ApiCalls.Response changed = ApiCalls.patch(baseUrl() + "/api/v1/auth/me", token,
                Map.of("push_token", pushToken));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        return pushToken;
    }

    private String seller(String name) {
        return TestUsers.seller(baseUrl(), "push-" + name + "-" + run + "@zst.test", "fournisseur");
    }

    /** A checkout from the seller: the seller's new_order notification (waited for). */
    private JsonNode newOrder(String seller) {
        String buyer = TestUsers.signIn(baseUrl(), "push-buyer-" + run + "@zst.test");
        String id = inbox.order(buyer, inbox.product(seller, "Musc " + run), 2).get("id").asText();
        return inbox.one(seller, "new_order", "order_id", id);
    }

    private JsonNode me(String token) {
        ApiCalls.Response me = ApiCalls.get(baseUrl() + "/api/v1/auth/me", token);
        assertThat(me.status()).isEqualTo(200);
        return me.body();
    }

    private List<JsonNode> awaitDelivered(String pushToken, int count) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> expo.delivered(pushToken).size() >= count);
        return expo.delivered(pushToken);
    }

    private String pushState(String notificationId) {
        return jdbc.sql("SELECT state FROM notification_pushes WHERE notification_id = CAST(:id AS uuid)")
                .param("id", notificationId).query(String.class).optional().orElse(null);
    }

    @Test
    void aNotificationReachesTheUsersDeviceOnceWithTheAccessTokenAndIsReceipted() throws InterruptedException {
        String seller = seller("one");
        String device = register(seller, pushToken());
        JsonNode notification = newOrder(seller);

        List<JsonNode> delivered = awaitDelivered(device, 1);
        JsonNode message = delivered.get(0);
        assertThat(message.get("title").asText()).isEqualTo(notification.get("title").asText());
        assertThat(message.get("body").asText()).isEqualTo(notification.get("message").asText());
        assertThat(message.get("data").get("notification_id").asText()).isEqualTo(notification.get("id").asText());
        assertThat(message.get("data").get("type").asText()).isEqualTo("new_order");
        assertThat(message.get("data").get("order_id").asText())
                .isEqualTo(notification.get("data").get("order_id").asText());
        assertThat(expo.sendsTo(device)).extracting(Send::authorization)
                .containsOnly("Bearer expo-test-access-token");

        // its receipt is asked for after zst.expo.receipt-delay (1 s in tests), then it is delivered
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "delivered".equals(pushState(notification.get("id").asText())));
        Thread.sleep(500);
        assertThat(expo.delivered(device)).hasSize(1);
        assertThat(me(seller).get("push_token").asText()).isEqualTo(device);
    }

    @Test
    void withoutAPushTokenNothingIsSent() throws InterruptedException {
        String seller = seller("none");
        JsonNode notification = newOrder(seller);
        Thread.sleep(500);
        assertThat(pushState(notification.get("id").asText())).isNull();
        assertThat(expo.sends()).flatExtracting(Send::messages)
                .noneMatch(m -> m.path("data").path("notification_id").asText()
                        .equals(notification.get("id").asText()));
    }

    @Test
    void aTicketSayingDeviceNotRegisteredClearsTheUsersPushToken() {
        String seller = seller("unregistered");
        String device = register(seller, pushToken());
        expo.ticketError(device, "DeviceNotRegistered");
        JsonNode notification = newOrder(seller);

        await().atMost(Duration.ofSeconds(15)).until(() -> me(seller).get("push_token").isNull());
        assertThat(pushState(notification.get("id").asText())).isEqualTo("failed");
    }

    @Test
    void aReceiptSayingDeviceNotRegisteredClearsTheUsersPushToken() {
        String seller = seller("receipt");
        String device = register(seller, pushToken());
        expo.receiptError(device, "DeviceNotRegistered");
        JsonNode notification = newOrder(seller);

        awaitDelivered(device, 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> me(seller).get("push_token").isNull());
        assertThat(pushState(notification.get("id").asText())).isEqualTo("failed");
    }

    @Test
    void receiptsClaimedByANodeThatDiedAreCheckedAgain() {
        String seller = seller("orphan");
        String device = register(seller, pushToken());
        String id = newOrder(seller).get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(pushState(id)));

        // as a node leaves it that died between claiming the receipt and reading it
        jdbc.sql("""
                        UPDATE notification_pushes SET state = 'checking', checked_at = now() - interval '11 minutes'
                        WHERE notification_id = CAST(:id AS uuid)
                        """)
                .param("id", id).update();
        expo.receiptError(device, "DeviceNotRegistered");
        await().atMost(Duration.ofSeconds(10)).until(() -> me(seller).get("push_token").isNull());
        assertThat(pushState(id)).isEqualTo("failed");
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedAndDeliveredOnce() throws InterruptedException {
        String seller = seller("busy");
        String device = register(seller, pushToken());
        expo.answer(device, 429, 503);
        newOrder(seller);

        awaitDelivered(device, 1);
        Thread.sleep(1_000);
        assertThat(expo.delivered(device)).hasSize(1);
        assertThat(expo.sendsTo(device)).extracting(Send::status).containsExactly(429, 503, 200);
    }

    @Test
    void anExpoOutageNeitherSlowsACommandNorLosesAPush() throws InterruptedException {
        String seller = seller("outage");
        String device = register(seller, pushToken());
        String buyer = TestUsers.signIn(baseUrl(), "push-buyer-" + run + "@zst.test");
        String product = inbox.product(seller, "Oud " + run);
        inbox.order(buyer, product, 1); // warm: the buyer, the product and its stock are loaded
        awaitDelivered(device, 1);

        expo.down();
        String id;
        long took;
        try {
            long started = System.nanoTime();
            id = inbox.order(buyer, product, 1).get("id").asText();
            took = (System.nanoTime() - started) / 1_000_000;
            inbox.one(seller, "new_order", "order_id", id);
            Thread.sleep(1_500);
            assertThat(expo.delivered(device)).as("nothing taken while down").hasSize(1);
        } finally {
            expo.up();
        }
        assertThat(took).as("checkout while Expo is down, ms").isLessThan(1_500);
        List<JsonNode> delivered = awaitDelivered(device, 2);
        Thread.sleep(1_000);
        assertThat(expo.delivered(device)).hasSize(2);
        assertThat(delivered.get(1).get("data").get("order_id").asText()).isEqualTo(id);

        // Expo slow to answer (3 s, under the client's 15 s limit): the sender waits, the checkout does not.
        expo.stall(3_000);
        String slow;
        try {
            long started = System.nanoTime();
            slow = inbox.order(buyer, product, 1).get("id").asText();
            took = (System.nanoTime() - started) / 1_000_000;
            inbox.one(seller, "new_order", "order_id", slow);
        } finally {
            expo.stall(0);
        }
        assertThat(took).as("checkout while Expo is slow, ms").isLessThan(1_500);
        awaitDelivered(device, 3);
        Thread.sleep(1_000);
        assertThat(expo.delivered(device)).hasSize(3);
        assertThat(expo.delivered(device).get(2).get("data").get("order_id").asText()).isEqualTo(slow);
    }

    /** {@value #TIER} grossistes with push tokens, made once for the class. */
    private Map<String, String> grossistes() {
        synchronized (GROSSISTES) {
            if (GROSSISTES.isEmpty()) {
                for (int i = 0; i < TIER; i++) {
                    String token = TestUsers.seller(baseUrl(), "push-tier-" + i + "-" + run + "@zst.test",
                            "grossiste");
                    GROSSISTES.put(token, register(token, pushToken()));
                }
            }
            return GROSSISTES;
        }
    }

    /** The messages about {@code offer} the stand-in took, per device. */
    private Map<String, List<JsonNode>> offerPushes(String offer) {
        Map<String, List<JsonNode>> byDevice = new HashMap<>();
        for (Send send : expo.sends()) {
            if (send.status() == 200) {
                for (JsonNode message : send.messages()) {
                    if (message.path("data").path("offer_id").asText().equals(offer)) {
                        byDevice.computeIfAbsent(message.get("to").asText(), key -> new ArrayList<>()).add(message);
                    }
                }
            }
        }
        return byDevice;
    }

    @Test
    void aTierOfMoreThanAHundredIsSentInRequestsOfAtMostAHundred() throws InterruptedException {
        Map<String, String> tier = grossistes();
        String importateur = TestUsers.seller(baseUrl(), "push-imp-" + run + "@zst.test", "importateur");
        String offer = inbox.offer(importateur, "Lot poussé " + run, "negotiable", "grossiste", null);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> offerPushes(offer).keySet().containsAll(tier.values()));
        Thread.sleep(500);
        Map<String, List<JsonNode>> pushes = offerPushes(offer);
        tier.values().forEach(device -> assertThat(pushes.get(device)).as(device).hasSize(1));
        List<Send> carrying = expo.sends().stream().filter(send -> send.messages().stream()
                .anyMatch(m -> m.path("data").path("offer_id").asText().equals(offer))).toList();
        assertThat(carrying).as("requests carrying the offer's pushes").hasSizeGreaterThanOrEqualTo(2);
        assertThat(expo.sends()).allSatisfy(send -> assertThat(send.messages()).hasSizeLessThanOrEqualTo(100));
    }

    @Test
    void twoNodesNeverSendTheSameNotificationTwice() throws InterruptedException {
        Map<String, String> tier = grossistes();
        String importateur = TestUsers.seller(baseUrl(), "push-imp2-" + run + "@zst.test", "importateur");
        try (SecondNode second = new SecondNode(environment)) {
            List<String> offers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                offers.add(inbox.offer(importateur, "Lot " + i + " à deux " + run, "negotiable", "grossiste",
                        null));
            }
            for (String offer : offers) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> offerPushes(offer).keySet().containsAll(tier.values()));
            }
            Thread.sleep(1_000);
            for (String offer : offers) {
                Map<String, List<JsonNode>> pushes = offerPushes(offer);
                tier.values().forEach(device -> assertThat(pushes.get(device)).as(offer + " " + device).hasSize(1));
            }
        }
    }

    @Test
    void aReplayOfTheNotificationsSendsNothingAgain() throws InterruptedException {
        String admin = TestUsers.admin(baseUrl());
        String seller = seller("replay");
        String device = register(seller, pushToken());
        JsonNode notification = newOrder(seller);
        awaitDelivered(device, 1);

        Inbox.replayStarted(baseUrl(), admin, jdbc);
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all(seller).stream()
                .anyMatch(n -> n.get("id").asText().equals(notification.get("id").asText())));
        Thread.sleep(1_000);
        assertThat(expo.delivered(device)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM notification_pushes WHERE user_id = CAST(:user AS uuid)")
                .param("user", TestUsers.userId(baseUrl(), seller)).query(Long.class).single()).isEqualTo(1);
    }
}
