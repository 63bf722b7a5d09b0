package dz.zst.app.orders;

import static dz.zst.app.orders.Shop.checkout;
import static dz.zst.app.orders.Shop.item;
import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A best seller collects a stock event per order; its aggregate is snapshotted (every 10 events in
 * tests) and a node that has no cached copy loads it from the snapshot plus the events after it,
 * with exactly the same stock.
 */
class ProductSnapshotApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private Cache aggregateCache;

    @Test
    void aProductLoadedFromItsSnapshotHasTheSameStock() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "snap-" + run + "@zst.test", "fournisseur");
        String product = shop.product(seller, "Best Seller " + run, 100, 40);
        for (int i = 0; i < 25; i++) {
            shop.placed(null, checkout(List.of(item(product, 1))));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String snapshot = null;
        while (snapshot == null && System.nanoTime() < deadline) {
            snapshot = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM snapshotevententry WHERE aggregateidentifier = ?"
                    + " ORDER BY sequencenumber DESC LIMIT 1").param(product).query(String.class).optional().orElse(null);
            Thread.sleep(50);
        }
        assertThat(snapshot).as("a snapshot of the product").isNotNull().contains("\"stock\"");

        aggregateCache.removeAll();
        shop.placed(null, checkout(List.of(item(product, 3))));

        assertThat(shop.stock(product)).isEqualTo(40 - 25 - 3);
        String last = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?"
                + " ORDER BY sequencenumber DESC LIMIT 1").param(product).query(String.class).single();
        assertThat(last).contains("\"remaining\":12");
        aggregateCache.removeAll();
        assertThat(shop.place(null, checkout(List.of(item(product, 13)))).status()).as("12 left, not more").isEqualTo(400);
    }
}
