package dz.zst.app.security;

import static dz.zst.app.support.ShortcutChecks.comparable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dz.zst.app.dashboard.Sales;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ShortcutChecks;
import dz.zst.app.support.TestUsers;
import dz.zst.command.users.UserCommandSender;
import dz.zst.domain.dashboard.DashboardGenerations;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserCommands.DeactivateUserCommand;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A seller's figures and days are answered in front of the security chain (DashboardShortcut) from
 * a cache checked against the seller's dashboard generation. These tests hold the shortcut to the
 * full path's answer (same bytes, same headers) and to its refusals, and the cache to every sale:
 * a committed batch changes the seller's generation, and an absent generation (expired) caches
 * nothing that could match it again.
 */
class SignedInDashboardShortcutApiTest extends ApiTestBase {

    private static final List<String> READS = List.of("/api/v1/seller/stats", "/api/v1/seller/analytics",
            "/api/v1/seller/analytics?period=7d", "/api/v1/seller/analytics?period=365d");

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private UserCommandSender users;

    @Test
    void theSellersReadsAreTheFullPathsAnswerAndFollowEachSale() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Sales sales = new Sales(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "dash-fast-" + run + "@zst.test", "fournisseur");
        String musk = sales.product(seller, "Musc rapide " + run, 1000, 10);
        sales.deliver(seller, sales.order(musk, 1).get("id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> sales.stats(seller).at("/orders/total").asLong() == 1
                && sales.stats(seller).at("/revenue/total").decimalValue().signum() > 0);
        double before = shortcutCount();

        int fastReads = 0;
        for (String path : READS) {
            for (Map<String, String> encoding : List.of(Map.<String, String>of(), Map.of("Accept-Encoding", "gzip"))) {
                String what = path + " " + encoding;
                ApiCalls.Download fast = ApiCalls.sendBytes("GET", baseUrl() + path, seller, null, encoding);
                ApiCalls.Download full = ApiCalls.sendBytes("GET", fullPath(baseUrl() + path), seller, null, encoding);
                assertThat(fast.status()).as(what).isEqualTo(200).isEqualTo(full.status());
                assertThat(fast.body()).as(what).isEqualTo(full.body());
                assertThat(comparable(fast.headers())).as(what).isEqualTo(comparable(full.headers()));
                fastReads++;
            }
        }
        assertThat(shortcutCount() - before).as("reads answered by the shortcut").isEqualTo(fastReads);

        // Read (and cached) before each sale, then changed by it: the seller's generation moves with
        // every committed batch, so the next read is the new figures.
        for (int orders = 2; orders <= 3; orders++) {
            assertThat(sales.stats(seller).at("/orders/total").asLong()).isEqualTo(orders - 1);
            sales.deliver(seller, sales.order(musk, 1).get("id").asText());
            long expected = orders;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(sales.stats(seller).at("/orders/total").asLong()).isEqualTo(expected);
                assertThat(sales.get(seller, "analytics").at("/data").findValues("orderCount").stream()
                        .mapToLong(n -> n.asLong()).sum()).isEqualTo(expected);
            });
        }
        assertThat(shortcutCount() - before).as("the reads after the sales came by the shortcut too")
                .isGreaterThan(fastReads + 4);
    }

    @Test
    void anAbsentSellerGenerationCachesNothingThatCouldMatchItAgain() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Sales sales = new Sales(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "dash-expired-" + run + "@zst.test", "fournisseur");
        UserId sellerId = UserId.of(TestUsers.userId(baseUrl(), seller));
        String generation = DashboardGenerations.seller(sellerId);
        String oud = sales.product(seller, "Oud expiré " + run, 700, 10);
        sales.order(oud, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sales.stats(seller).at("/orders/total").asLong() == 1);

        // The generation expires (an hour without a change): a read while it is absent must not
        // leave an entry that the next absence would match, after a change that nobody read.
        redis.delete(generation);
        assertThat(sales.stats(seller).at("/orders/total").asLong()).isEqualTo(1);
        assertThat(redis.opsForValue().get(generation)).as("the read gave it a new value").isNotNull();
        redis.delete(generation);
        assertThat(sales.stats(seller).at("/orders/total").asLong()).isEqualTo(1);
        String started = redis.opsForValue().get(generation);
        sales.order(oud, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "SELECT orders_total FROM dashboard_sellers WHERE seller_id = ?")
                .param(sellerId.value()).query(Long.class).single() == 2
                && !started.equals(redis.opsForValue().get(generation)));
        redis.delete(generation);

        assertThat(sales.stats(seller).at("/orders/total").asLong()).isEqualTo(2);
    }

    @Test
    void refusalsAreTheFullPathsAnswer() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String leaving = TestUsers.seller(baseUrl(), "dash-leaving-" + run + "@zst.test", "grossiste");
        UserId leavingId = UserId.of(TestUsers.userId(baseUrl(), leaving));
        assertThat(ApiCalls.get(baseUrl() + READS.get(0), leaving).status()).isEqualTo(200);
        users.send(leavingId, new DeactivateUserCommand(leavingId));
        String seller = TestUsers.seller(baseUrl(), "dash-period-" + run + "@zst.test", "importateur");

        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("customer", TestUsers.signIn(baseUrl(), "dash-buyer-" + run + "@zst.test"));
        callers.put("clerk customer", ClerkTokens.forSubject("user_dash_" + run));
        callers.put("admin", TestUsers.admin(baseUrl()));
        callers.put("deactivated seller", leaving);
        callers.put("forged", ClerkTokens.sign(ClerkTokens.claims("user_dash_" + run).build(), ClerkTokens.OTHER_KEY));
        callers.put("not a JWT", "not-a-token");
        double before = shortcutCount();

        for (Map.Entry<String, String> caller : callers.entrySet()) {
            int expected = caller.getKey().equals("forged") || caller.getKey().equals("not a JWT") ? 401 : 403;
            for (String path : READS) {
                check(caller.getKey() + " " + path, path, caller.getValue(), expected);
            }
        }
        for (String path : List.of("/api/v1/seller/analytics?period=1d", "/api/v1/seller/analytics?period=")) {
            check("seller " + path, path, seller, path.endsWith("=") ? 200 : 400);
        }
        check("no token", READS.get(0), null, 401);
        assertThat(shortcutCount()).as("no refusal was answered by the shortcut").isEqualTo(before);
    }

    private void check(String what, String path, String token, int expected) {
        ApiCalls.Download fast = ApiCalls.sendBytes("GET", baseUrl() + path, token, null, Map.of());
        ApiCalls.Download full = ApiCalls.sendBytes("GET", fullPath(baseUrl() + path), token, null, Map.of());
        assertThat(fast.status()).as(what).isEqualTo(expected).isEqualTo(full.status());
        if (expected != 200) {
            assertThat(new String(fast.body())).as(what).isEqualTo(new String(full.body()))
                    .contains("\"statusCode\":" + expected);
        }
        assertThat(comparable(fast.headers())).as(what).isEqualTo(comparable(full.headers()));
    }

    /** An unknown parameter: Spring ignores it, the shortcut leaves the request to the full path. */
    private static String fullPath(String url) {
        return url + (url.contains("?") ? "&" : "?") + "full_path=1";
    }

    private double shortcutCount() {
        return ShortcutChecks.counter(managementUrl(), "zst_http_signed_in_dashboard_shortcut_total");
    }
}
