package dz.zst.app.freelance;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The freelance read model inherits the platform's dead-letter policy: a service whose row cannot
 * be written (a real failing statement inside the projection's batch) is set aside alone, its writer
 * answered 503, the services created beside it folded, and a retry after the fix folds it.
 */
class FreelanceDeadLetterApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void cure() {
        PoisonedTables.cure(jdbc, "freelance_services");
    }

    @Test
    void aServiceItsRowCannotHoldIsParkedAloneAndFoldedOnRetry() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("dlq");
        String admin = TestUsers.admin(baseUrl());
        String poisonTitle = "Poison " + kit.run;
        PoisonedTables.poison(jdbc, "freelance_services", "INSERT OR UPDATE", "NEW.title = '" + poisonTitle + "'",
                "poisoned service");

        ExecutorService freelancers = Executors.newFixedThreadPool(6);
        List<CompletableFuture<ApiCalls.Response>> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String title = i == 2 ? poisonTitle : "Service sain " + i + " " + kit.run;
            created.add(CompletableFuture.supplyAsync(() -> ApiCalls.post(kit.url("/freelancer/services"), freelancer,
                    FreelanceKit.service(title, "design", 100)), freelancers));
        }
        for (int i = 0; i < created.size(); i++) {
            ApiCalls.Response response = created.get(i).join();
            assertThat(response.status()).as(response.raw()).isEqualTo(i == 2 ? 503 : 201);
        }
        freelancers.shutdown();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(PoisonedTables.deadLetters(baseUrl(), admin, "freelance")).hasSize(1));
        JsonNode letter = PoisonedTables.deadLetters(baseUrl(), admin, "freelance").get(0);
        assertThat(letter.get("event_type").asText()).isEqualTo("FreelanceEvents.ServiceCreatedEvent");
        assertThat(letter.get("cause_message").asText()).contains("poisoned service");
        assertThat(ApiCalls.get(kit.url("/freelancer/services?limit=100"), freelancer).body().get("meta").get("total")
                .asInt()).as("the five others are folded").isEqualTo(5);

        PoisonedTables.cure(jdbc, "freelance_services");
        PoisonedTables.retried(baseUrl(), admin, "freelance");
        assertThat(ApiCalls.get(kit.url("/freelance/services/" + letter.get("aggregate_id").asText()), null).body()
                .get("title").asText()).isEqualTo(poisonTitle);
    }
}
