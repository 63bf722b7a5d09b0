package dz.zst.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.reels.ReelKit;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sellers' dashboard routes of API.md §9 through the API: the figures of a seller's products,
 * orders (placed, paid on delivery, cancelled, returned) and reels, its days, recent orders and top
 * products, in the contract's shapes; sellers only, others 403, no token 401, a bad period 400.
 */
class DashboardApiTest extends ApiTestBase {

    private static final ZoneId ALGIERS = ZoneId.of("Africa/Algiers");

    private static BigDecimal money(JsonNode node) {
        return node.decimalValue().setScale(2);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    @Test
    void theSellersFiguresFollowItsProductsOrdersAndReels() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Sales sales = new Sales(baseUrl());
        ReelKit reels = new ReelKit(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "dash-" + run + "@zst.test", "fournisseur");
        String musk = sales.product(seller, "Musc " + run, 1000, 10);
        String oud = sales.product(seller, "Oud " + run, 500, 1);
        sales.product(seller, "Ambre " + run, 800, 0);
        String gone = sales.product(seller, "Retiré " + run, 300, 5);
        assertThat(ApiCalls.delete(baseUrl() + "/api/v1/products/" + gone, seller).status()).isEqualTo(200);

        JsonNode delivered = sales.order(musk, 2);
        sales.deliver(seller, delivered.get("id").asText());
        JsonNode returned = sales.order(oud, 1);
        sales.deliver(seller, returned.get("id").asText());
        sales.move(seller, returned.get("id").asText(), "returned");
        JsonNode pending = sales.order(musk, 1);
        JsonNode cancelled = sales.order(musk, 1);
        sales.move(seller, cancelled.get("id").asText(), "cancelled");

        JsonNode reel = reels.reel(seller, "Vitrine " + run);
        for (String device : List.of("a", "b")) {
            Response viewed = ApiCalls.send("POST", baseUrl() + "/api/v1/reels/" + reel.get("id").asText() + "/view",
                    null, null, Map.of("X-Device-Id", "dash-device-" + device + "-" + run));
            assertThat(viewed.status()).as(viewed.raw()).isEqualTo(200);
        }

        BigDecimal paid = money(delivered.get("total"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode stats = sales.stats(seller);
            // Musc (7 left), Oud (back to 1 after the return), the reel's product: active; Ambre: none in stock.
            assertThat(stats.get("products").toString())
                    .isEqualTo("{\"total\":4,\"active\":3,\"outOfStock\":1}");
            assertThat(stats.get("orders").toString()).isEqualTo("{\"total\":4,\"pending\":1}");
            assertThat(money(stats.get("revenue").get("total"))).isEqualTo(paid);
            assertThat(money(stats.get("revenue").get("monthly"))).isEqualTo(paid);
            assertThat(money(stats.get("revenue").get("avgOrderValue"))).isEqualTo(paid);
            assertThat(stats.get("reels").toString()).isEqualTo("{\"total\":1,\"totalViews\":2}");
        });

        JsonNode analytics = sales.get(seller, "analytics");
        assertThat(analytics.get("period").asText()).isEqualTo("30d");
        JsonNode days = analytics.get("data");
        assertThat(days).hasSize(30);
        LocalDate today = LocalDate.now(ALGIERS);
        for (int i = 0; i < 30; i++) {
            JsonNode day = days.get(i);
            assertThat(day.get("date").asText()).isEqualTo(today.minusDays(29 - i).toString());
            assertThat(day.get("orderCount").asLong()).isEqualTo(i == 29 ? 4 : 0);
            assertThat(money(day.get("revenue"))).isEqualTo(i == 29 ? paid : money("0"));
        }
        assertThat(sales.get(seller, "analytics?period=7d").get("data")).hasSize(7);
        assertThat(sales.get(seller, "analytics?period=90d").get("data")).hasSize(90);
        JsonNode year = sales.get(seller, "analytics?period=365d");
        assertThat(year.get("period").asText()).isEqualTo("365d");
        assertThat(year.get("data")).hasSize(365);

        JsonNode top = sales.get(seller, "top-products");
        assertThat(top).as("the returned Oud sold nothing").hasSize(1);
        assertThat(top.get(0).get("productId").asText()).isEqualTo(musk);
        assertThat(top.get(0).get("productName").asText()).isEqualTo("Musc " + run);
        assertThat(top.get(0).get("totalQuantity").asLong()).isEqualTo(2);
        assertThat(money(top.get(0).get("totalRevenue"))).isEqualTo(money(delivered.get("subtotal")));

        JsonNode recent = sales.get(seller, "recent-orders");
        List<String> ids = new ArrayList<>();
        recent.forEach(order -> ids.add(order.get("id").asText()));
        assertThat(ids).containsExactly(cancelled.get("id").asText(), pending.get("id").asText(),
                returned.get("id").asText(), delivered.get("id").asText());
        assertThat(recent.get(0).get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void topProductsAndRecentOrdersStopAtTenNewestFirst() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Sales sales = new Sales(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "dash-ten-" + run + "@zst.test", "fournisseur");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String product = sales.product(seller, "Parfum " + i + " " + run, 100 + i * 10, 5);
            JsonNode order = sales.order(product, 1);
            sales.deliver(seller, order.get("id").asText());
            orders.add(0, order.get("id").asText());
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sales.stats(seller).get("orders").get("total").asLong()).isEqualTo(12));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode top = sales.get(seller, "top-products");
            assertThat(top).hasSize(10);
            List<String> names = new ArrayList<>();
            top.forEach(product -> names.add(product.get("productName").asText()));
            assertThat(names.get(0)).isEqualTo("Parfum 11 " + run);
            assertThat(names.get(9)).isEqualTo("Parfum 2 " + run);
        });
        List<String> recent = new ArrayList<>();
        sales.get(seller, "recent-orders").forEach(order -> recent.add(order.get("id").asText()));
        assertThat(recent).isEqualTo(orders.subList(0, 10));
    }

    @Test
    void aNewSellerHasZeros() {
        String seller = TestUsers.seller(baseUrl(), "dash-new-" + UUID.randomUUID() + "@zst.test", "grossiste");
        Sales sales = new Sales(baseUrl());
        JsonNode stats = sales.stats(seller);
        assertThat(stats.get("products").toString()).isEqualTo("{\"total\":0,\"active\":0,\"outOfStock\":0}");
        assertThat(stats.get("orders").toString()).isEqualTo("{\"total\":0,\"pending\":0}");
        for (String figure : List.of("total", "monthly", "avgOrderValue")) {
            assertThat(stats.get("revenue").get(figure).isNumber()).as(figure).isTrue();
            assertThat(stats.get("revenue").get(figure).decimalValue().signum()).as(figure).isZero();
        }
        assertThat(stats.get("reels").toString()).isEqualTo("{\"total\":0,\"totalViews\":0}");
        assertThat(sales.get(seller, "top-products")).isEmpty();
        assertThat(sales.get(seller, "recent-orders")).isEmpty();
    }

    @Test
    void onlySellersHaveADashboard() {
        String customer = TestUsers.signIn(baseUrl(), "dash-customer-" + UUID.randomUUID() + "@zst.test");
        String admin = TestUsers.admin(baseUrl());
        for (String path : List.of("stats", "analytics", "analytics?period=7d", "recent-orders", "top-products")) {
            String url = baseUrl() + "/api/v1/seller/" + path;
            assertError(ApiCalls.get(url, customer), 403, "Only sellers have a dashboard");
            assertError(ApiCalls.get(url, admin), 403, "Only sellers have a dashboard");
            assertError(ApiCalls.get(url, null), 401, null);
        }
    }

    @Test
    void anUnknownPeriodIs400NamingIt() {
        String seller = TestUsers.seller(baseUrl(), "dash-period-" + UUID.randomUUID() + "@zst.test", "fournisseur");
        for (String period : List.of("1d", "30", "7D", "365d%20", "30d,7d")) {
            Response response = ApiCalls.get(baseUrl() + "/api/v1/seller/analytics?period=" + period, seller);
            assertError(response, 400, "period must be one of 7d, 30d, 90d, 365d");
            assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("period");
        }
    }

    private static void assertError(Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().get("statusCode").asInt()).isEqualTo(status);
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        if (messagePart != null) {
            assertThat(response.body().get("message").toString()).contains(messagePart);
        }
    }
}
