package dz.zst.app.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.notifications.Inbox;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The messages read model, and the message_new notifications, rebuilt from the event store through
 * the ops route come back identical: the same rows (unread counts, read times, the last messages,
 * each message's sequence) and the same answers to both participants.
 */
class MessageReplayApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aReplayRebuildsTheSameConversationsMessagesAndNotifications() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Talk talk = new Talk(baseUrl());
        Inbox inbox = new Inbox(baseUrl());
        String admin = TestUsers.admin(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "msg-rpl-sel-" + run + "@zst.test", "fournisseur");
        String shopper = TestUsers.signIn(baseUrl(), "msg-rpl-shop-" + run + "@zst.test");
        String sellerId = TestUsers.userId(baseUrl(), seller);
        String first = talk.opened(shopper, sellerId, "product", talk.product(seller, "Ambre " + run), "Bonjour");
        talk.said(shopper, first, "Vous êtes là ?");
        talk.said(seller, first, "Oui");
        talk.read(shopper, first);
        talk.said(shopper, first, "Merci !");
        String second = talk.opened(shopper, sellerId, "product", talk.product(seller, "Musc " + run), "Et celui-ci ?");
        talk.post(shopper, second, Map.of("content", "Photo jointe ?"));
        inbox.one(seller, "message_new", "conversation_id", second);

        List<String> conversations = List.of(first, second);
        java.util.function.Supplier<Object> state = () -> {
            List<Object> all = new ArrayList<>();
            all.add(jdbc.sql("SELECT c::text FROM conversations c WHERE id IN (:ids) ORDER BY id")
                    .param("ids", conversations.stream().map(UUID::fromString).toList()).query(String.class).list());
            all.add(jdbc.sql("SELECT m::text FROM conversation_members m WHERE conversation_id IN (:ids) "
                            + "ORDER BY conversation_id, user_id")
                    .param("ids", conversations.stream().map(UUID::fromString).toList()).query(String.class).list());
            all.add(jdbc.sql("SELECT m::text FROM messages m WHERE conversation_id IN (:ids) ORDER BY id")
                    .param("ids", conversations.stream().map(UUID::fromString).toList()).query(String.class).list());
            for (String token : List.of(seller, shopper)) {
                all.add(talk.get(token, ""));
                all.add(talk.get(token, "/unread-count"));
                for (String id : conversations) {
                    all.add(talk.get(token, "/" + id + "/messages"));
                }
            }
            return all;
        };
        Object before = state.get();
        ProjectionReplays.replay(baseUrl(), admin, "messages");
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "messages", state, before, () -> { });

        java.util.function.Supplier<Object> notifications = () -> inbox.all(seller);
        Object notified = notifications.get();
        assertThat(((List<?>) notified)).extracting(n -> ((JsonNode) n).get("type").asText())
                .containsOnly("message_new").hasSize(2);
        Inbox.replayStarted(baseUrl(), admin, jdbc);
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "notifications", notifications, notified, () -> { });
    }
}
