package dz.zst.app.orders;

import static dz.zst.app.orders.Shop.checkout;
import static dz.zst.app.orders.Shop.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
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

    private JsonNode status(String admin) {
        for (JsonNode processor : ApiCalls.get(baseUrl() + "/api/v1/admin/projections", admin).body()) {
            if (processor.get("name").asText().equals("orders")) {
                return processor;
            }
        }
        throw new AssertionError("no orders processor listed");
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

        assertThat(ApiCalls.post(baseUrl() + "/api/v1/admin/projections/orders/replay", admin, null).status())
                .isEqualTo(202);

        await(() -> !status(admin).get("replaying").asBoolean() && status(admin).get("lag").asLong() == 0
                && rows().equals(before));
        assertThat(rows()).isEqualTo(before);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("replay finishes").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
