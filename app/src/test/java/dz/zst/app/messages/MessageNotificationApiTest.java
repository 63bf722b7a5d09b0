package dz.zst.app.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.notifications.Inbox;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ExpoStandIn;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * message_new (API.md §13): one notification per conversation while its messages are unread, which
 * a burst updates rather than multiplies, with one mobile push for the burst; none while the
 * recipient has the conversation open (it read it within the last 10 seconds).
 */
class MessageNotificationApiTest extends ApiTestBase {

    private final ExpoStandIn expo = ExpoStandIn.shared();

    @Test
    void aBurstOfTenMessagesIsOneNotificationUpdatedAndOnePushAndNothingWhileTheRecipientReads() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Talk talk = new Talk(baseUrl());
        Inbox inbox = new Inbox(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "msg-ntf-sel-" + run + "@zst.test", "fournisseur");
        String shopper = TestUsers.signIn(baseUrl(), "msg-ntf-shop-" + run + "@zst.test");
        String device = "ExponentPushToken[" + UUID.randomUUID().toString().replace("-", "").substring(0, 22) + "]";
        assertThat(ApiCalls.patch(baseUrl() + "/api/v1/auth/me", seller, Map.of("push_token", device)).status())
                .isEqualTo(200);

        String id = talk.opened(shopper, TestUsers.userId(baseUrl(), seller), "product",
                talk.product(seller, "Oud royal " + run), "Message 1");
        for (int i = 2; i <= 10; i++) {
            talk.said(shopper, id, "Message " + i);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                inbox.of(seller, "message_new", "conversation_id", id).stream()
                        .anyMatch(n -> n.get("data").get("count").asInt() == 10));
        JsonNode notification = inbox.one(seller, "message_new", "conversation_id", id);
        assertThat(notification.get("title").asText()).isEqualTo("Nouveaux messages");
        assertThat(notification.get("message").asText()).isEqualTo("10 nouveaux messages, « Oud royal " + run
                + " » : Message 10");
        assertThat(notification.get("read").asBoolean()).isFalse();
        assertThat(inbox.of(shopper, "message_new", "conversation_id", id)).isEmpty();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> !expo.delivered(device).isEmpty());
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> expo.delivered(device).size() == 1);
        JsonNode push = expo.delivered(device).get(0);
        assertThat(push.get("title").asText()).isEqualTo("Nouveau message");
        assertThat(push.get("body").asText()).isEqualTo("« Oud royal " + run + " » : Message 1");
        assertThat(push.get("data").get("conversation_id").asText()).isEqualTo(id);
        assertThat(push.get("data").get("notification_id").asText()).isEqualTo(notification.get("id").asText());

        assertThat(talk.read(seller, id).status()).isEqualTo(200);
        for (int i = 11; i <= 13; i++) {
            talk.said(shopper, id, "Message " + i);
        }
        assertThat(talk.get(seller, "/" + id + "/messages").get("meta").get("total").asLong()).isEqualTo(13);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> {
            List<JsonNode> found = inbox.of(seller, "message_new", "conversation_id", id);
            return found.size() == 1 && found.get(0).get("data").get("count").asInt() == 10
                    && expo.delivered(device).size() == 1;
        });
    }
}
