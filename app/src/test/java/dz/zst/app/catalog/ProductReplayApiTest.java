package dz.zst.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ops rebuild the products read model from the event store (POST /admin/projections/products/replay):
 * the rebuilt rows equal the rows before, column for column, and reads keep answering meanwhile.
 */
class ProductReplayApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    private List<Map<String, Object>> rows() {
        return jdbc.sql("SELECT id, slug, seller_id, seller_category, name, brand, search_text, category, price, stock,"
                + " in_stock, rating, viewers_count, details::text AS details, images::text AS images, deleted,"
                + " created_at, updated_at, position FROM products ORDER BY id").query().listOfRows();
    }

    @Test
    void rebuildGivesTheSameRowsAsBefore() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "replay-" + run + "@zst.test", "grossiste");
        String admin = TestUsers.admin(baseUrl());
        for (int i = 0; i < 12; i++) {
            String id = ApiCalls.post(baseUrl() + "/api/v1/products", seller, Map.of("name", "Rejeu " + run + " " + i,
                    "price", 100 + i, "stock", i % 3, "category", "home")).body().get("id").asText();
            if (i % 4 == 0) {
                ApiCalls.patch(baseUrl() + "/api/v1/products/" + id, seller, Map.of("price", 999, "stock", 5));
            }
            if (i % 5 == 0) {
                ApiCalls.delete(baseUrl() + "/api/v1/products/" + id, seller);
            }
        }
        List<Map<String, Object>> before = rows();
        assertThat(before).hasSizeGreaterThanOrEqualTo(12);
        // A damaged read model: only a rebuild from the event store can bring these rows back.
        jdbc.sql("UPDATE products SET name = 'damaged', stock = -1 WHERE name LIKE ?").param("Rejeu " + run + "%")
                .update();
        assertThat(rows()).isNotEqualTo(before);

        ProjectionReplays.replay(baseUrl(), admin, "products");
        assertThat(ApiCalls.post(baseUrl() + "/api/v1/admin/projections/products/replay", seller, null).status())
                .isEqualTo(403);

        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "products", this::rows, before, () ->
                assertThat(ApiCalls.get(baseUrl() + "/api/v1/products?limit=1", null).status()).isEqualTo(200));
    }
}
