package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.reels.ReelKit;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.SecondNode;
import dz.zst.app.support.TestUsers;
import dz.zst.query.realtime.RealtimeServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two app nodes on one database and one Redis: a like sent to node A reaches a socket connected to
 * node B, and one sent to node B a socket on node A, each exactly once, with the count of the like's
 * answer; whichever node's processor handles the event.
 */
class RealtimeReelClusterApiTest extends ApiTestBase {

    @Autowired
    private RealtimeServer realtime;

    @Test
    void aLikeOnOneNodeReachesTheReelsSocketsOnEveryNode() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "rt-cl-seller-" + run + "@zst.test", "fournisseur");
        try (SecondNode nodeB = new SecondNode(environment); RealtimeClients clients = new RealtimeClients()) {
            ReelKit viaA = new ReelKit(baseUrl());
            ReelKit viaB = new ReelKit(nodeB.baseUrl());
            String reelId = viaA.reel(seller, "Cluster " + run).get("id").asText();
            TestSocket onA = clients.websocketGuest(realtime.port());
            TestSocket onB = clients.websocketGuest(nodeB.bean(RealtimeServer.class).port());
            onA.request("reel:join", reelId);
            onB.request("reel:join", reelId);

            String first = TestUsers.signIn(baseUrl(), "rt-cl-a-" + run + "@zst.test");
            long answeredByA = viaA.like(first, reelId).body().get("likesCount").asLong();
            for (TestSocket socket : new TestSocket[] {onA, onB}) {
                JsonNode liked = socket.next("reel:liked");
                assertThat(liked.get("userId").asText()).isEqualTo(TestUsers.userId(baseUrl(), first));
                assertThat(liked.get("likesCount").asLong()).isEqualTo(answeredByA).isEqualTo(1);
            }

            String second = TestUsers.signIn(nodeB.baseUrl(), "rt-cl-b-" + run + "@zst.test");
            long answeredByB = viaB.like(second, reelId).body().get("likesCount").asLong();
            for (TestSocket socket : new TestSocket[] {onA, onB}) {
                assertThat(socket.next("reel:liked").get("likesCount").asLong()).isEqualTo(answeredByB).isEqualTo(2);
                assertThat(socket.pending("reel:liked")).as("each like once").isZero();
            }
        }
    }
}
