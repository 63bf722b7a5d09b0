package dz.zst.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.reels.ReelKit;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import dz.zst.domain.dashboard.DashboardGenerations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Ops rebuild the dashboard read model from the event store and get the same rows, table for table. */
class DashboardReplayApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private StringRedisTemplate redis;

    private Map<String, List<Map<String, Object>>> rows() {
        return Map.of(
                "sellers", jdbc.sql("SELECT * FROM dashboard_sellers ORDER BY seller_id").query().listOfRows(),
                "days", jdbc.sql("SELECT * FROM dashboard_seller_days ORDER BY seller_id, day").query().listOfRows(),
                "products", jdbc.sql("SELECT * FROM dashboard_products ORDER BY product_id").query().listOfRows(),
                "orders", jdbc.sql("SELECT order_id, seller_id, status, paid, amount, paid_day, items::text AS items,"
                        + " position FROM dashboard_orders ORDER BY order_id").query().listOfRows(),
                "reels", jdbc.sql("SELECT * FROM dashboard_reels ORDER BY reel_id").query().listOfRows());
    }

    @Test
    void rebuildGivesTheSameRowsAsBefore() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Sales sales = new Sales(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "dash-replay-" + run + "@zst.test", "fournisseur");
        String admin = TestUsers.admin(baseUrl());
        String product = sales.product(seller, "Rejeu " + run, 650, 50);
        for (int i = 0; i < 8; i++) {
            String id = sales.order(product, 1 + i % 3).get("id").asText();
            if (i % 2 == 0) {
                sales.deliver(seller, id);
            }
            if (i % 4 == 0) {
                sales.move(seller, id, "returned");
            }
            if (i % 4 == 1) {
                sales.move(seller, id, "cancelled");
            }
        }
        String reel = new ReelKit(baseUrl()).reel(seller, "Rejeu vidéo " + run).get("id").asText();
        ApiCalls.send("POST", baseUrl() + "/api/v1/reels/" + reel + "/view", null, null,
                Map.of("X-Device-Id", "dash-replay-device-" + run));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode stats = sales.stats(seller);
            assertThat(stats.get("orders").get("total").asLong()).isEqualTo(8);
            assertThat(stats.get("reels").get("totalViews").asLong()).isEqualTo(1);
        });
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "dashboard", () -> true, true, () -> { });
        Map<String, List<Map<String, Object>>> before = rows();
        JsonNode statsBefore = sales.stats(seller);
        String wholeBefore = redis.opsForValue().get(DashboardGenerations.WHOLE);
        jdbc.sql("UPDATE dashboard_sellers SET revenue = -1, orders_total = 0").update();
        jdbc.sql("UPDATE dashboard_seller_days SET order_count = 99").update();
        assertThat(rows()).isNotEqualTo(before);

        ProjectionReplays.replay(baseUrl(), admin, "dashboard");
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "dashboard", this::rows, before, () -> { });
        // The reset dropped every node's cached dashboards; the seller's, read again, is the rebuilt one.
        assertThat(redis.opsForValue().get(DashboardGenerations.WHOLE)).isNotEqualTo(wholeBefore);
        assertThat(sales.stats(seller)).isEqualTo(statsBefore);
    }
}
