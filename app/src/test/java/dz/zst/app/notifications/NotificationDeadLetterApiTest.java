package dz.zst.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.PoisonedTables;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notifications read model inherits the platform's dead-letter policy: an offer whose
 * notifications a real failing statement refuses (a trigger raising numeric_value_out_of_range
 * inside the group's batch) is set aside alone, the offers created alongside notify their tier, the
 * offer itself was created all the same (its writer waits for the b2b read model only), and a retry
 * after the fix notifies it once.
 */
class NotificationDeadLetterApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void cure() {
        PoisonedTables.cure(jdbc, "notifications");
    }

    @Test
    void anOfferWhoseNotificationsCannotBeWrittenIsParkedAloneAndNotifiedOnRetry() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Inbox inbox = new Inbox(baseUrl());
        String admin = TestUsers.admin(baseUrl());
        String importateur = TestUsers.seller(baseUrl(), "ntfdlq-imp-" + run + "@zst.test", "importateur");
        String grossiste = TestUsers.seller(baseUrl(), "ntfdlq-gro-" + run + "@zst.test", "grossiste");
        String poison = "Poison " + run;
        PoisonedTables.poison(jdbc, "notifications", "INSERT", "NEW.message LIKE '%" + poison + "%'",
                "poisoned notification");

        ExecutorService sellers = Executors.newFixedThreadPool(5);
        List<CompletableFuture<String>> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String title = i == 2 ? poison : "Lot sain " + i + " " + run;
            created.add(CompletableFuture.supplyAsync(
                    () -> inbox.offer(importateur, title, "negotiable", "grossiste", null), sellers));
        }
        List<String> offers = created.stream().map(CompletableFuture::join).toList();
        sellers.shutdown();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(PoisonedTables.deadLetters(baseUrl(), admin, "notifications")).hasSize(1));
        JsonNode letter = PoisonedTables.deadLetters(baseUrl(), admin, "notifications").get(0);
        assertThat(letter.get("event_type").asText()).isEqualTo("B2BEvents.B2BOfferCreatedEvent");
        assertThat(letter.get("aggregate_id").asText()).isEqualTo(offers.get(2));
        assertThat(letter.get("cause_message").asText()).contains("poisoned notification");
        for (int i = 0; i < offers.size(); i++) {
            if (i != 2) {
                inbox.one(grossiste, "new_offer", "offer_id", offers.get(i));
            }
        }
        assertThat(inbox.of(grossiste, "new_offer", "offer_id", offers.get(2))).isEmpty();

        PoisonedTables.cure(jdbc, "notifications");
        PoisonedTables.retried(baseUrl(), admin, "notifications");
        assertThat(inbox.one(grossiste, "new_offer", "offer_id", offers.get(2)).get("message").asText())
                .contains(poison);
        assertThat(inbox.all(grossiste)).hasSize(5);
    }
}
