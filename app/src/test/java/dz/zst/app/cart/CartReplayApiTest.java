package dz.zst.app.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
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
 * Ops rebuild the carts read model from the event store (POST /admin/projections/carts/replay):
 * removed, cleared and merged items come back exactly as they were, and reads keep answering.
 */
class CartReplayApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    private List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.sql(
                "SELECT id, user_id, position, updated_at FROM carts ORDER BY id").query().listOfRows());
        rows.addAll(jdbc.sql("SELECT id, cart_id, user_id, product_id, seller_id, quantity, created_at, updated_at,"
                + " position FROM cart_items ORDER BY id").query().listOfRows());
        return rows;
    }

    private String item(String token, String productId, int quantity) {
        ApiCalls.Response response = ApiCalls.post(baseUrl() + "/api/v1/cart/items", token,
                Map.of("product_id", productId, "quantity", quantity));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().get("item").get("id").asText();
    }

    @Test
    void rebuildGivesTheSameRowsAsBefore() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "cart-replay-seller-" + run + "@zst.test", "fournisseur");
        String admin = TestUsers.admin(baseUrl());
        String[] products = new String[4];
        for (int i = 0; i < products.length; i++) {
            products[i] = ApiCalls.post(baseUrl() + "/api/v1/products", seller, Map.of("name", "Panier Rejeu " + i,
                    "price", 100 + i, "stock", 10, "category", "home")).body().get("id").asText();
        }
        for (int b = 0; b < 3; b++) {
            String buyer = TestUsers.signIn(baseUrl(), "cart-replay-" + b + "-" + run + "@zst.test");
            String first = item(buyer, products[0], 1);
            item(buyer, products[0], 2);
            String second = item(buyer, products[1], 1);
            ApiCalls.patch(baseUrl() + "/api/v1/cart/items/" + second, buyer, Map.of("quantity", 4 + b));
            if (b == 1) {
                ApiCalls.delete(baseUrl() + "/api/v1/cart/items/" + first, buyer);
            }
            if (b == 2) {
                ApiCalls.delete(baseUrl() + "/api/v1/cart", buyer);
                item(buyer, products[2], 3);
            }
            item(buyer, products[3], 1);
        }
        List<Map<String, Object>> before = rows();
        assertThat(before).hasSizeGreaterThanOrEqualTo(3 + 7);
        jdbc.sql("UPDATE cart_items SET quantity = 999").update();
        jdbc.sql("DELETE FROM carts").update();
        assertThat(rows()).isNotEqualTo(before);

        ProjectionReplays.replay(baseUrl(), admin, "carts");
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "carts", this::rows, before, () -> { });
    }
}
