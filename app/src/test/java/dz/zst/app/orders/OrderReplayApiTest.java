package dz.zst.app.orders;

import static dz.zst.app.orders.Shop.checkout;
import static dz.zst.app.orders.Shop.item;
import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Ops rebuild the orders read model from the event store and get the same rows, column for column. */
class OrderReplayApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    private List<Map<String, Object>> rows() {
        return jdbc.sql("SELECT id, order_number, checkout_id, user_id, seller_id, customer_name, customer_email,"
                + " customer_phone, phone_key, shipping_address, customer_wilaya, wilaya_code, subtotal, shipping_cost,"
                + " total, status, payment_status, payment_method, delivery_date, tracking_number, notes,"
                + " items::text AS items, access_token_hash, created_at, updated_at, version, position"
                + " FROM orders ORDER BY id").query().listOfRows();
    }

    @Test
    void rebuildGivesTheSameRowsAsBefore() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "oreplay-" + run + "@zst.test", "fournisseur");
        String buyer = TestUsers.signIn(baseUrl(), "oreplay-buyer-" + run + "@zst.test");
        String admin = TestUsers.admin(baseUrl());
        String product = shop.product(seller, "Rejeu Commande " + run, 700, 100);
        for (int i = 0; i < 8; i++) {
            String id = shop.placed(i % 2 == 0 ? buyer : null, checkout(List.of(item(product, 1 + i % 3))))
                    .get(0).get("id").asText();
            if (i % 3 == 0) {
                shop.moved(seller, id, "confirmed");
            }
            if (i % 4 == 0) {
                shop.status(seller, id, Map.of("status", "cancelled"));
            }
        }
        List<Map<String, Object>> before = rows();
        jdbc.sql("UPDATE orders SET status = 'damaged', total = -1").update();
        assertThat(rows()).isNotEqualTo(before);

        ProjectionReplays.replay(baseUrl(), admin, "orders");
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "orders", this::rows, before, () -> { });
    }
}
