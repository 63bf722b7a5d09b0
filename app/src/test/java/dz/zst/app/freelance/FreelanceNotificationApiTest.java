package dz.zst.app.freelance;

import static dz.zst.app.freelance.FreelanceKit.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.notifications.Inbox;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The freelance notification kinds (API.md §10) go to the right party, once per fact, through the
 * notification system: listed, and recorded in the Expo outbox for a user with a push token.
 */
class FreelanceNotificationApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    private static final String ORDER = "freelance_order_id";

    @Test
    void eachMoveTellsTheOtherPartyOnceAndReachesTheExpoOutbox() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        Inbox inbox = new Inbox(baseUrl());
        String freelancer = kit.freelancer("ntf");
        String client = kit.client("ntf-client");
        String device = "ExponentPushToken[" + UUID.randomUUID().toString().replace("-", "").substring(0, 22) + "]";
        expect(ApiCalls.patch(kit.url("/auth/me"), freelancer, Map.of("push_token", device)), 200);
        String serviceId = kit.createService(freelancer, FreelanceKit.service("Notif " + kit.run, "writing", 250))
                .get("id").asText();

        String orderId = kit.order(client, serviceId, "basic").get("id").asText();
        JsonNode placed = inbox.one(freelancer, "freelance_order_new", ORDER, orderId);
        assertThat(placed.get("message").asText()).contains("Notif " + kit.run);
        assertThat(placed.get("data").get("service_id").asText()).isEqualTo(serviceId);
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM notification_pushes WHERE notification_id = CAST(:id AS uuid)")
                .param("id", placed.get("id").asText()).query(Long.class).single() == 1);

        expect(kit.freelancerMove(freelancer, orderId, "accepted"), 200);
        inbox.one(client, "freelance_order_accepted", ORDER, orderId);
        expect(kit.freelancerMove(freelancer, orderId, "in_progress"), 200);
        expect(kit.deliver(freelancer, orderId, "v1"), 200);
        inbox.one(client, "freelance_order_delivered", ORDER, orderId);
        expect(kit.clientMove(client, orderId, "revision_requested"), 200);
        inbox.one(freelancer, "freelance_order_revision_requested", ORDER, orderId);
        expect(kit.deliver(freelancer, orderId, "v2"), 200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> inbox.of(client, "freelance_order_delivered", ORDER, orderId).size() == 2);
        expect(kit.clientMove(client, orderId, "completed"), 200);
        inbox.one(freelancer, "freelance_order_completed", ORDER, orderId);
        expect(ApiCalls.post(kit.url("/freelance/orders/" + orderId + "/review"), client, Map.of("rating", 4)), 201);
        assertThat(inbox.one(freelancer, "freelance_review", ORDER, orderId).get("message").asText()).contains("4/5");

        String byClient = kit.order(client, serviceId, "basic").get("id").asText();
        expect(kit.clientMove(client, byClient, "cancelled"), 200);
        inbox.one(freelancer, "freelance_order_cancelled", ORDER, byClient);
        String byFreelancer = kit.order(client, serviceId, "basic").get("id").asText();
        expect(kit.freelancerMove(freelancer, byFreelancer, "cancelled"), 200);
        inbox.one(client, "freelance_order_cancelled", ORDER, byFreelancer);

        assertThat(inbox.all(client).stream().map(n -> n.get("type").asText()).distinct())
                .as("the client is told only what the freelancer did")
                .containsExactlyInAnyOrder("freelance_order_accepted", "freelance_order_delivered",
                        "freelance_order_cancelled");
        assertThat(inbox.all(freelancer).stream().map(n -> n.get("type").asText()).distinct())
                .containsExactlyInAnyOrder("freelance_order_new", "freelance_order_revision_requested",
                        "freelance_order_completed", "freelance_review", "freelance_order_cancelled");
        assertThat(inbox.of(freelancer, "freelance_order_cancelled", ORDER, byFreelancer)).isEmpty();
    }
}
