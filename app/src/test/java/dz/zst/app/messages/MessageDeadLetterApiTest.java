package dz.zst.app.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.PoisonedTables;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The messages read model inherits the platform's dead-letter policy: a message its table refuses
 * (a real failing statement, a trigger raising numeric_value_out_of_range inside the group's batch)
 * is set aside with its conversation, its sender is answered 503 at once, the messages of other
 * conversations posted alongside are folded, a later message of its conversation waits behind it
 * (503 too, not shown), and a retry after the fix folds both in their order. The fold at commit
 * (projections' ConversationsFoldedAtCommit) meets the same trigger first: its savepoint keeps the
 * write, which the group then parks.
 */
class MessageDeadLetterApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void cure() {
        PoisonedTables.cure(jdbc, "messages");
    }

    @Test
    void aMessageItsTableRefusesIsParkedAloneAndFoldedOnRetry() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Talk talk = new Talk(baseUrl());
        String admin = TestUsers.admin(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "msg-dlq-sel-" + run + "@zst.test", "fournisseur");
        String sellerId = TestUsers.userId(baseUrl(), seller);
        List<String> shoppers = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String shopper = TestUsers.signIn(baseUrl(), "msg-dlq-" + i + "-" + run + "@zst.test");
            shoppers.add(shopper);
            conversations.add(talk.opened(shopper, sellerId, "product", talk.product(seller, "Lot " + i + " " + run),
                    "Bonjour"));
        }
        String poison = "Poison " + run;
        PoisonedTables.poison(jdbc, "messages", "INSERT", "NEW.content = '" + poison + "'", "poisoned message");

        ExecutorService senders = Executors.newFixedThreadPool(5);
        List<CompletableFuture<ApiCalls.Response>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            sent.add(CompletableFuture.supplyAsync(() -> talk.post(shoppers.get(n), conversations.get(n),
                    Map.of("content", n == 2 ? poison : "Encore " + n)), senders));
        }
        for (int i = 0; i < sent.size(); i++) {
            ApiCalls.Response response = sent.get(i).join();
            assertThat(response.status()).as(response.raw()).isEqualTo(i == 2 ? 503 : 201);
        }
        senders.shutdown();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(PoisonedTables.deadLetters(baseUrl(), admin, "messages")).hasSize(1));
        JsonNode letter = PoisonedTables.deadLetters(baseUrl(), admin, "messages").get(0);
        assertThat(letter.get("event_type").asText()).isEqualTo("MessageEvents.MessagePostedEvent");
        assertThat(letter.get("aggregate_id").asText()).isEqualTo(conversations.get(2));
        assertThat(letter.get("cause_message").asText()).contains("poisoned message");
        for (int i = 0; i < 5; i++) {
            assertThat(talk.get(seller, "/" + conversations.get(i) + "/messages").get("meta").get("total").asLong())
                    .isEqualTo(i == 2 ? 1 : 2);
        }
        // A later message of the parked conversation waits behind the poison one: neither the
        // group nor the fold at commit may show it before the one before it.
        ApiCalls.Response after = talk.post(shoppers.get(2), conversations.get(2), Map.of("content", "Et alors ?"));
        assertThat(after.status()).as(after.raw()).isEqualTo(503);
        assertThat(talk.get(seller, "/" + conversations.get(2) + "/messages").get("meta").get("total").asLong())
                .isEqualTo(1);

        PoisonedTables.cure(jdbc, "messages");
        PoisonedTables.retried(baseUrl(), admin, "messages");
        JsonNode messages = talk.get(seller, "/" + conversations.get(2) + "/messages");
        assertThat(messages.get("data")).extracting(m -> m.get("content").asText())
                .containsExactly("Et alors ?", poison, "Bonjour");
        assertThat(talk.get(seller, "/" + conversations.get(2)).get("unread_count").asLong()).isEqualTo(3);
    }
}
