package dz.zst.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.PoisonedTables;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard read model inherits the platform's dead-letter policy: a product whose dashboard
 * row cannot be written (a real failing statement, a trigger raising numeric_value_out_of_range
 * inside the projection's batch) is set aside with its sequence, the seller's other products are
 * counted, and a retry after the fix counts it; the product itself is created and readable all along.
 */
class DashboardDeadLetterApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void cure() {
        PoisonedTables.cure(jdbc, "dashboard_products");
    }

    @Test
    void aProductItsRowCannotHoldIsParkedAloneAndCountedOnRetry() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Sales sales = new Sales(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "dash-dlq-" + run + "@zst.test", "fournisseur");
        String admin = TestUsers.admin(baseUrl());
        String poisonName = "Poison " + run;
        PoisonedTables.poison(jdbc, "dashboard_products", "product_id", "INSERT OR UPDATE",
                "NEW.name = '" + poisonName + "'", "poisoned dashboard product");
        try {
            for (int i = 0; i < 5; i++) {
                sales.product(seller, i == 2 ? poisonName : "Sain " + i + " " + run, 100, 3);
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(PoisonedTables.deadLetters(baseUrl(), admin, "dashboard")).hasSize(1));
            JsonNode letter = PoisonedTables.deadLetters(baseUrl(), admin, "dashboard").get(0);
            assertThat(letter.get("event_type").asText()).isEqualTo("CatalogEvents.ProductCreatedEvent");
            assertThat(letter.get("cause_message").asText()).contains("poisoned dashboard product");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(sales.stats(seller).get("products").get("total").asLong())
                            .as("the four others are counted").isEqualTo(4));

            PoisonedTables.cure(jdbc, "dashboard_products");
            PoisonedTables.retried(baseUrl(), admin, "dashboard");
            assertThat(sales.stats(seller).get("products").toString())
                    .isEqualTo("{\"total\":5,\"active\":5,\"outOfStock\":0}");
        } finally {
            PoisonedTables.cure(jdbc, "dashboard_products");
        }
    }
}
