package dz.zst.app.b2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.PoisonedTables;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The b2b read model inherits the platform's dead-letter policy: an offer whose row cannot be
 * written (a real failing statement, a trigger raising numeric_value_out_of_range inside the
 * projection's batch) is set aside with its sequence, its writer is answered 503 at once, offers
 * created in the same batches are folded, and a retry after the fix folds it.
 */
class B2BDeadLetterApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void cure() {
        PoisonedTables.cure(jdbc, "b2b_offers");
    }

    private static Map<String, Object> offer(String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("base_price", 1_000);
        body.put("min_quantity", 1);
        body.put("available_quantity", 50);
        body.put("offer_type", "negotiable");
        body.put("target_category", "grossiste");
        return body;
    }

    @Test
    void anOfferItsRowCannotHoldIsParkedAloneAndFoldedOnRetry() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String importateur = TestUsers.seller(baseUrl(), "b2b-dlq-" + run + "@zst.test", "importateur");
        String admin = TestUsers.admin(baseUrl());
        String poisonTitle = "Poison " + run;
        PoisonedTables.poison(jdbc, "b2b_offers", "INSERT OR UPDATE", "NEW.title = '" + poisonTitle + "'",
                "poisoned offer");

        ExecutorService sellers = Executors.newFixedThreadPool(6);
        List<CompletableFuture<Response>> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String title = i == 2 ? poisonTitle : "Lot sain " + i + " " + run;
            created.add(CompletableFuture.supplyAsync(
                    () -> ApiCalls.post(baseUrl() + "/api/v1/b2b/offers", importateur, offer(title)), sellers));
        }
        for (int i = 0; i < created.size(); i++) {
            Response response = created.get(i).join();
            assertThat(response.status()).as(response.raw()).isEqualTo(i == 2 ? 503 : 201);
        }
        sellers.shutdown();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(PoisonedTables.deadLetters(baseUrl(), admin, "b2b")).hasSize(1));
        JsonNode letter = PoisonedTables.deadLetters(baseUrl(), admin, "b2b").get(0);
        assertThat(letter.get("event_type").asText()).isEqualTo("B2BEvents.B2BOfferCreatedEvent");
        assertThat(letter.get("cause_message").asText()).contains("poisoned offer");
        JsonNode mine = ApiCalls.get(baseUrl() + "/api/v1/b2b/my-offers?limit=100", importateur).body();
        assertThat(mine.get("meta").get("total").asInt()).as("the five others are folded").isEqualTo(5);

        PoisonedTables.cure(jdbc, "b2b_offers");
        PoisonedTables.retried(baseUrl(), admin, "b2b");
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/b2b/offers/" + letter.get("aggregate_id").asText(), importateur)
                .body().get("title").asText()).isEqualTo(poisonTitle);
    }
}
