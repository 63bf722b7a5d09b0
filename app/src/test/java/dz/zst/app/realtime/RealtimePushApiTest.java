package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.reels.ReelKit;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.query.realtime.RealtimeServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * API.md §11 server events fed by domain events: reel likes, comments and views to the reel's
 * room, new orders to the seller, status updates to the order's room, its buyer and its seller.
 * Each push carries the same counts as the write's HTTP answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimePushApiTest extends ApiTestBase {

    @Autowired
    private RealtimeServer realtime;

    private final RealtimeClients clients = new RealtimeClients();
    private ReelKit reels;
    private String run;
    private String seller;
    private String sellerId;

    @BeforeAll
    void signIn() {
        reels = new ReelKit(baseUrl());
        run = UUID.randomUUID().toString().substring(0, 8);
        seller = TestUsers.seller(baseUrl(), "push-seller-" + run + "@zst.test", "fournisseur");
        sellerId = TestUsers.userId(baseUrl(), seller);
    }

    @AfterAll
    void closeClients() {
        clients.close();
    }

    private String user(String name) {
        return TestUsers.signIn(baseUrl(), "push-" + name + "-" + run + "@zst.test");
    }

    /** A socket in the reel's room, its join answered with the reel's current counters. */
    private TestSocket watching(String reelId) {
        TestSocket socket = clients.websocketGuest(realtime.port());
        JsonNode joined = socket.request("reel:join", reelId);
        assertThat(joined.get("roomName").asText()).isEqualTo("reel:" + reelId);
        return socket;
    }

    @Test
    void joiningAReelSendsItsCurrentCounters() {
        String reelId = reels.reel(seller, "Stats " + run).get("id").asText();
        reels.like(user("stats-fan"), reelId);
        reels.comment(user("stats-talker"), reelId, "Joli");

        TestSocket socket = watching(reelId);
        JsonNode stats = socket.next("reel:stats");

        assertThat(stats.get("reelId").asText()).isEqualTo(reelId);
        assertThat(stats.get("likesCount").asLong()).isEqualTo(1);
        assertThat(stats.get("commentsCount").asLong()).isEqualTo(1);
        assertThat(stats.get("viewsCount").asLong()).isZero();
    }

    @Test
    void aWholesaleReelCannotBeJoinedByThePublic() {
        String importateur = TestUsers.seller(baseUrl(), "push-imp-" + run + "@zst.test", "importateur");
        String reelId = reels.reel(importateur, "Lot " + run).get("id").asText();

        TestSocket guest = clients.guest(realtime.port());
        assertThat(guest.request("reel:join", reelId).get("message").asText()).isEqualTo("Reel not found");
        String grossiste = TestUsers.seller(baseUrl(), "push-gro-" + run + "@zst.test", "grossiste");
        TestSocket supplierSide = clients.signedIn(realtime.port(), grossiste);
        assertThat(supplierSide.request("reel:join", reelId).get("reelId").asText()).isEqualTo(reelId);
    }

    @Test
    void likesAndUnlikesArePushedToTheReelsRoomWithTheAnsweredCount() {
        String reelId = reels.reel(seller, "Likes " + run).get("id").asText();
        String otherReel = reels.reel(seller, "Other " + run).get("id").asText();
        TestSocket watcher = watching(reelId);
        TestSocket elsewhere = watching(otherReel);
        String fan = user("fan");
        String fanId = TestUsers.userId(baseUrl(), fan);

        long answered = reels.like(fan, reelId).body().get("likesCount").asLong();
        JsonNode liked = watcher.next("reel:liked");
        assertThat(liked.get("reelId").asText()).isEqualTo(reelId);
        assertThat(liked.get("userId").asText()).isEqualTo(fanId);
        assertThat(liked.get("likesCount").asLong()).isEqualTo(answered).isEqualTo(1);
        assertThat(Instant.parse(liked.get("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));

        assertThat(reels.unlike(fan, reelId).status()).isEqualTo(200);
        JsonNode unliked = watcher.next("reel:unliked");
        assertThat(unliked.get("likesCount").asLong()).isZero();
        assertThat(unliked.get("userId").asText()).isEqualTo(fanId);

        reels.like(fan, otherReel);
        assertThat(elsewhere.next("reel:liked").get("reelId").asText()).isEqualTo(otherReel);
        assertThat(watcher.pending("reel:liked")).as("pushes stay in their reel's room").isZero();
    }

    @Test
    void commentsAndTheirDeletionArePushedWithTheComment() {
        String reelId = reels.reel(seller, "Comments " + run).get("id").asText();
        TestSocket watcher = watching(reelId);
        String author = user("author");

        JsonNode answer = reels.comment(author, reelId, "Livraison à Oran ?").body();
        JsonNode commented = watcher.next("reel:commented");
        assertThat(commented.get("reelId").asText()).isEqualTo(reelId);
        assertThat(commented.get("commentsCount").asLong()).isEqualTo(1);
        assertThat(commented.get("comment")).isEqualTo(answer.get("comment"));
        assertThat(commented.get("comment").get("content").asText()).isEqualTo("Livraison à Oran ?");

        String commentId = answer.get("comment").get("id").asText();
        assertThat(ApiCalls.delete(baseUrl() + "/api/v1/reels/comments/" + commentId, seller).status()).isEqualTo(200);
        JsonNode deleted = watcher.next("reel:comment-deleted");
        assertThat(deleted.get("commentId").asText()).isEqualTo(commentId);
        assertThat(deleted.get("commentsCount").asLong()).isZero();
        assertThat(deleted.has("timestamp")).isTrue();
    }

    @Test
    void viewsArePushedAtMostOnceASecondAndTheLastCountArrives() {
        String reelId = reels.reel(seller, "Views " + run).get("id").asText();
        TestSocket watcher = watching(reelId);
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            ApiCalls.post(baseUrl() + "/api/v1/reels/" + reelId + "/view", null, Map.of("device_id", "phone-" + i + "-" + run));
        }
        JsonNode first = watcher.next("reel:view");
        assertThat(first.get("reelId").asText()).isEqualTo(reelId);
        long count = first.get("viewCount").asLong();
        int pushes = 1;
        while (count < 5) {
            count = watcher.next("reel:view").get("viewCount").asLong();
            pushes++;
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertThat(count).isEqualTo(5);
        assertThat(pushes).as("one push a second at most").isLessThanOrEqualTo((int) seconds + 2);
    }

    @Test
    void aNewOrderIsPushedToItsSellerAndStatusUpdatesToTheOrderTheBuyerAndTheSeller() {
        Orders orders = new Orders(baseUrl(), seller, "Push order " + run);
        String buyer = user("buyer");
        TestSocket sellerSocket = clients.signedIn(realtime.port(), seller);
        assertThat(sellerSocket.request("seller:subscribe", null).get("sellerId").asText()).isEqualTo(sellerId);
        TestSocket buyerSocket = clients.signedIn(realtime.port(), buyer);

        JsonNode order = orders.place(buyer);
        String orderId = order.get("id").asText();
        JsonNode created = sellerSocket.next("order:new");
        assertThat(created.get("order").get("id").asText()).isEqualTo(orderId);
        assertThat(created.get("order").get("order_number").asText()).isEqualTo(order.get("order_number").asText());
        assertThat(created.get("order").get("status").asText()).isEqualTo("pending");
        assertThat(created.has("timestamp")).isTrue();
        assertThat(buyerSocket.pending("order:new")).as("order:new is for the seller").isZero();

        JsonNode guestOrder = orders.place(null);
        TestSocket guestSocket = clients.websocketGuest(realtime.port());
        guestSocket.request("order:subscribe", Map.of("orderId", guestOrder.get("id").asText(),
                "token", guestOrder.get("access_token").asText()));
        sellerSocket.next("order:new");

        ApiCalls.patch(baseUrl() + "/api/v1/seller/orders/" + orderId + "/status", seller, Map.of("status", "confirmed"));
        for (TestSocket socket : new TestSocket[] {sellerSocket, buyerSocket}) {
            JsonNode updated = socket.next("order:status-updated");
            assertThat(updated.get("orderId").asText()).isEqualTo(orderId);
            assertThat(updated.get("status").asText()).isEqualTo("confirmed");
            assertThat(updated.get("order").get("status").asText()).isEqualTo("confirmed");
        }

        ApiCalls.patch(baseUrl() + "/api/v1/seller/orders/" + guestOrder.get("id").asText() + "/status", seller,
                Map.of("status", "cancelled"));
        JsonNode guestUpdate = guestSocket.next("order:status-updated");
        assertThat(guestUpdate.get("status").asText()).isEqualTo("cancelled");
        assertThat(sellerSocket.next("order:status-updated").get("orderId").asText())
                .isEqualTo(guestOrder.get("id").asText());
        assertThat(buyerSocket.pending("order:status-updated")).as("not the buyer's order").isZero();
    }
}
