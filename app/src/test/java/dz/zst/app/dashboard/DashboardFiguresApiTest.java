package dz.zst.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.TestUsers;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.reels.ReelKit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each figure of the dashboard projection, with events timed on purpose (Axon's event clock): a
 * day is an Africa/Algiers day (UTC+1), so an order paid at 23:30 UTC counts on the next one; a
 * return takes the revenue back from the day it was paid; a cancel leaves pending, never revenue;
 * stock and deletion move the product counts; a deleted reel takes its views with it.
 */
class DashboardFiguresApiTest extends ApiTestBase {

    private static final ZoneId ALGIERS = ZoneId.of("Africa/Algiers");

    private Sales sales() {
        return new Sales(baseUrl());
    }

    private Map<String, BigDecimal[]> days(String seller) {
        Map<String, BigDecimal[]> days = new HashMap<>();
        sales().get(seller, "analytics?period=7d").get("data").forEach(day -> days.put(day.get("date").asText(),
                new BigDecimal[] {day.get("revenue").decimalValue().setScale(2),
                        BigDecimal.valueOf(day.get("orderCount").asLong())}));
        return days;
    }

    @Test
    void anOrderPaidAt2330UtcCountsOnTheNextAlgiersDay() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "dash-day-" + run + "@zst.test", "fournisseur");
        String product = sales().product(seller, "Minuit " + run, 1000, 10);
        LocalDate utcDay = LocalDate.now(ALGIERS).minusDays(3);
        Instant beforeMidnight = utcDay.atTime(22, 59, 59).toInstant(ZoneOffset.UTC);
        Instant afterMidnight = utcDay.atTime(23, 30).toInstant(ZoneOffset.UTC);

        JsonNode early = Sales.at(beforeMidnight, () -> {
            JsonNode order = sales().order(product, 1);
            sales().deliver(seller, order.get("id").asText());
            return order;
        });
        JsonNode late = Sales.at(afterMidnight, () -> {
            JsonNode order = sales().order(product, 2);
            sales().deliver(seller, order.get("id").asText());
            return order;
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, BigDecimal[]> days = days(seller);
            assertThat(days.get(utcDay.toString())).as("22:59:59 UTC is 23:59:59 in Algiers")
                    .containsExactly(early.get("total").decimalValue().setScale(2), BigDecimal.ONE);
            assertThat(days.get(utcDay.plusDays(1).toString())).as("23:30 UTC is 00:30 the next day in Algiers")
                    .containsExactly(late.get("total").decimalValue().setScale(2), BigDecimal.ONE);
        });
    }

    @Test
    void aReturnTakesTheRevenueBackFromTheDayItWasPaid() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "dash-return-" + run + "@zst.test", "fournisseur");
        String product = sales().product(seller, "Retour " + run, 700, 10);
        LocalDate paidDay = LocalDate.now(ALGIERS).minusDays(2);
        Instant noon = paidDay.atTime(12, 0).atZone(ALGIERS).toInstant();
        JsonNode kept = Sales.at(noon, () -> {
            JsonNode order = sales().order(product, 1);
            sales().deliver(seller, order.get("id").asText());
            return order;
        });
        JsonNode returned = Sales.at(noon, () -> {
            JsonNode order = sales().order(product, 3);
            sales().deliver(seller, order.get("id").asText());
            return order;
        });
        BigDecimal keptTotal = kept.get("total").decimalValue().setScale(2);
        BigDecimal both = keptTotal.add(returned.get("total").decimalValue()).setScale(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(sales().stats(seller).get("revenue").get("total").decimalValue().setScale(2)).isEqualTo(both);
            assertThat(days(seller).get(paidDay.toString())[0]).isEqualTo(both);
        });

        sales().move(seller, returned.get("id").asText(), "returned");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode revenue = sales().stats(seller).get("revenue");
            assertThat(revenue.get("total").decimalValue().setScale(2)).isEqualTo(keptTotal);
            assertThat(revenue.get("avgOrderValue").decimalValue().setScale(2)).as("one paid order left")
                    .isEqualTo(keptTotal);
            assertThat(days(seller).get(paidDay.toString()))
                    .as("the day keeps its orders placed, loses the returned revenue")
                    .containsExactly(keptTotal, BigDecimal.valueOf(2));
            assertThat(days(seller).get(LocalDate.now(ALGIERS).toString()))
                    .containsExactly(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO);
            JsonNode top = sales().get(seller, "top-products");
            assertThat(top.get(0).get("totalQuantity").asLong()).isEqualTo(1);
            assertThat(top.get(0).get("totalRevenue").decimalValue().setScale(2))
                    .isEqualTo(kept.get("subtotal").decimalValue().setScale(2));
        });
    }

    @Test
    void aCancelLeavesPendingAndNeverCountsRevenue() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "dash-cancel-" + run + "@zst.test", "fournisseur");
        String product = sales().product(seller, "Annulé " + run, 400, 10);
        String first = sales().order(product, 1).get("id").asText();
        String second = sales().order(product, 1).get("id").asText();
        sales().move(seller, second, "confirmed");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sales().stats(seller).get("orders").toString()).isEqualTo("{\"total\":2,\"pending\":1}"));

        sales().move(seller, first, "cancelled");
        sales().move(seller, second, "cancelled");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode stats = sales().stats(seller);
            assertThat(stats.get("orders").toString()).isEqualTo("{\"total\":2,\"pending\":0}");
            assertThat(stats.get("revenue").get("total").decimalValue().signum()).isZero();
            assertThat(stats.get("products").toString()).isEqualTo("{\"total\":1,\"active\":1,\"outOfStock\":0}");
        });
        assertThat(sales().get(seller, "top-products")).isEmpty();
    }

    @Test
    void stockAndDeletionMoveTheProductCounts() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "dash-stock-" + run + "@zst.test", "fournisseur");
        String last = sales().product(seller, "Dernier " + run, 900, 1);
        String other = sales().product(seller, "Autre " + run, 900, 4);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sales().stats(seller).get("products")
                .toString()).isEqualTo("{\"total\":2,\"active\":2,\"outOfStock\":0}"));

        sales().order(last, 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sales().stats(seller).get("products")
                .toString()).as("its last unit reserved").isEqualTo("{\"total\":2,\"active\":1,\"outOfStock\":1}"));

        assertThat(ApiCalls.patch(baseUrl() + "/api/v1/products/" + other, seller, "{\"stock\": 0}").status())
                .isEqualTo(200);
        assertThat(ApiCalls.patch(baseUrl() + "/api/v1/products/" + last, seller, "{\"stock\": 3}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sales().stats(seller).get("products")
                .toString()).isEqualTo("{\"total\":2,\"active\":1,\"outOfStock\":1}"));

        assertThat(ApiCalls.delete(baseUrl() + "/api/v1/products/" + other, seller).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sales().stats(seller).get("products")
                .toString()).isEqualTo("{\"total\":1,\"active\":1,\"outOfStock\":0}"));
    }

    @Test
    void aDeletedReelTakesItsViewsWithIt() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "dash-reel-" + run + "@zst.test", "fournisseur");
        ReelKit reels = new ReelKit(baseUrl());
        String kept = reels.reel(seller, "Gardé " + run).get("id").asText();
        String deleted = reels.reel(seller, "Supprimé " + run).get("id").asText();
        view(kept, "k1-" + run);
        view(deleted, "d1-" + run);
        view(deleted, "d2-" + run);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sales().stats(seller).get("reels")
                .toString()).isEqualTo("{\"total\":2,\"totalViews\":3}"));

        assertThat(ApiCalls.delete(baseUrl() + "/api/v1/reels/" + deleted, seller).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sales().stats(seller).get("reels")
                .toString()).isEqualTo("{\"total\":1,\"totalViews\":1}"));
    }

    private void view(String reelId, String device) {
        assertThat(ApiCalls.send("POST", baseUrl() + "/api/v1/reels/" + reelId + "/view", null, null,
                Map.of("X-Device-Id", "dash-device-" + device)).status()).isEqualTo(200);
    }
}
