package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.notifications.Inbox;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.SecondNode;
import dz.zst.app.support.TestUsers;
import dz.zst.query.realtime.RealtimeServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code notification:new {notification}} (API.md §11): each notification created is pushed once to
 * {@code user:{id}}, reaching the user's sockets on every node, as the object the REST list answers;
 * nobody else's; and rebuilding the read model pushes nothing (rebuilt rows are not news).
 */
class RealtimeNotificationApiTest extends ApiTestBase {

    @Autowired
    private RealtimeServer realtime;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void eachNewNotificationIsPushedOnceToItsUserOnEveryNode() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Inbox inbox = new Inbox(baseUrl());
        String importateur = TestUsers.seller(baseUrl(), "rt-ntf-imp-" + run + "@zst.test", "importateur");
        String grossiste = TestUsers.seller(baseUrl(), "rt-ntf-gro-" + run + "@zst.test", "grossiste");
        try (SecondNode nodeB = new SecondNode(environment); RealtimeClients clients = new RealtimeClients()) {
            TestSocket onA = clients.signedIn(realtime.port(), grossiste);
            TestSocket onB = clients.signedIn(nodeB.bean(RealtimeServer.class).port(), grossiste);
            TestSocket owner = clients.signedIn(realtime.port(), importateur);

            String offer = inbox.offer(importateur, "Lot en direct " + run, "negotiable", "grossiste", null);
            JsonNode listed = inbox.one(grossiste, "new_offer", "offer_id", offer);
            JsonNode pushed = onA.next("notification:new").get("notification");
            assertThat(pushed).isEqualTo(listed);
            assertThat(onB.next("notification:new").get("notification")).isEqualTo(listed);

            String negotiation = inbox.respond(grossiste, offer, "negotiation", 4_000, 3);
            JsonNode submitted = owner.next("notification:new").get("notification");
            assertThat(submitted.get("type").asText()).isEqualTo("negotiation_submitted");
            assertThat(submitted.get("data").get("response_id").asText()).isEqualTo(negotiation);

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> onA.pending("notification:new") == 0 && onB.pending("notification:new") == 0
                            && owner.pending("notification:new") == 0);
        }
    }

    @Test
    void aReplayPushesNothing() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Inbox inbox = new Inbox(baseUrl());
        String admin = TestUsers.admin(baseUrl());
        String importateur = TestUsers.seller(baseUrl(), "rt-ntfr-imp-" + run + "@zst.test", "importateur");
        String grossiste = TestUsers.seller(baseUrl(), "rt-ntfr-gro-" + run + "@zst.test", "grossiste");
        try (RealtimeClients clients = new RealtimeClients()) {
            TestSocket socket = clients.signedIn(realtime.port(), grossiste);
            String offer = inbox.offer(importateur, "Lot rejoué en direct " + run, "negotiable", "grossiste", null);
            assertThat(socket.next("notification:new").get("notification").get("data").get("offer_id").asText())
                    .isEqualTo(offer);

            Object before = inbox.all(grossiste);
            Inbox.replayStarted(baseUrl(), admin, jdbc);
            ProjectionReplays.awaitRebuilt(baseUrl(), admin, "notifications", () -> inbox.all(grossiste), before,
                    () -> { });
            Thread.sleep(500);
            assertThat(socket.pending("notification:new")).isZero();
        }
    }
}
