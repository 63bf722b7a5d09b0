package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A group whose dead-letter queue is empty folds its events without asking the queue in the
 * database: the {@code dlq.cache} of application.yml reaches the groups' invokers, which
 * PoisonEvents configures itself (its registration replaced the auto-configuration's).
 */
class DeadLetterCacheApiTest extends ApiTestBase {

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void productsAreFoldedWithoutAskingTheEmptyQueueAboutEachOne() {
        // No test parks a products event: the queue is empty whenever the group claims its segment.
        assertThat(jdbc.sql("SELECT count(*) FROM deadletterentry WHERE processinggroup = 'products'")
                .query(Long.class).single()).isZero();
        Counter lookups = meters.find("zst.projection.dead_letter_lookups").tag("group", "products").counter();
        assertThat(lookups).isNotNull();
        double before = lookups.count();

        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "dlq-cache-" + run + "@zst.test", "fournisseur");
        for (int i = 0; i < 5; i++) {
            assertThat(ApiCalls.post(baseUrl() + "/api/v1/products", seller, Map.of("name", "Cache " + run + " " + i,
                    "price", 100 + i, "stock", 3, "category", "home")).status()).isEqualTo(201);
        }

        assertThat(lookups.count()).as("database lookups of the products dead-letter queue").isEqualTo(before);
    }
}
