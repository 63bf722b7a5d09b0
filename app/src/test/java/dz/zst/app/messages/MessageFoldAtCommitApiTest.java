package dz.zst.app.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A conversation's writes are folded into its rows in the transaction that stores them
 * (projections' ConversationsFoldedAtCommit): with the messages group stopped, posts and a read
 * are still answered at once and shown by every read (without that fold each would wait the
 * 10 s read-your-writes timeout for the group, then be answered 503); once the group runs again
 * and has read those events, its fold of them changes no row (unread counts did not move twice).
 */
class MessageFoldAtCommitApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void writesAreAnsweredFromRowsFoldedWithThemAndTheGroupFoldingThemAgainChangesNothing() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Talk talk = new Talk(baseUrl());
        String admin = TestUsers.admin(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "msg-fac-sel-" + run + "@zst.test", "fournisseur");
        String shopper = TestUsers.signIn(baseUrl(), "msg-fac-shop-" + run + "@zst.test");
        String sellerId = TestUsers.userId(baseUrl(), seller);
        String conversation = talk.opened(shopper, sellerId, "product", talk.product(seller, "Oud " + run), "Bonjour");

        EventProcessor group = processing.eventProcessor("messages").orElseThrow();
        Supplier<Object> rows = () -> List.of(
                jdbc.sql("SELECT c::text FROM conversations c WHERE id = ?").param(UUID.fromString(conversation))
                        .query(String.class).list(),
                jdbc.sql("SELECT m::text FROM conversation_members m WHERE conversation_id = ? ORDER BY user_id")
                        .param(UUID.fromString(conversation)).query(String.class).list(),
                jdbc.sql("SELECT m::text FROM messages m WHERE conversation_id = ? ORDER BY sequence")
                        .param(UUID.fromString(conversation)).query(String.class).list());
        Object folded;
        group.shutDown();
        try {
            long started = System.nanoTime();
            talk.said(shopper, conversation, "Toujours disponible ?");
            talk.said(seller, conversation, "Oui, 3 flacons");
            assertThat(talk.read(seller, conversation).status()).isEqualTo(200);
            talk.said(shopper, conversation, "Je prends");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

            JsonNode messages = talk.get(seller, "/" + conversation + "/messages");
            assertThat(messages.get("data")).extracting(m -> m.get("content").asText())
                    .containsExactly("Je prends", "Oui, 3 flacons", "Toujours disponible ?", "Bonjour");
            assertThat(talk.get(seller, "/" + conversation).get("unread_count").asLong()).isEqualTo(1);
            assertThat(talk.get(shopper, "/" + conversation).get("unread_count").asLong()).isEqualTo(1);
            folded = rows.get();
        } finally {
            group.start();
        }

        long newest = jdbc.sql("SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(conversation).query(Long.class).single();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                ProjectionReplays.status(baseUrl(), admin, "messages").get("position").asLong() >= newest);
        assertThat(rows.get()).isEqualTo(folded);
        assertThat(talk.get(seller, "/" + conversation).get("unread_count").asLong()).isEqualTo(1);
    }
}
