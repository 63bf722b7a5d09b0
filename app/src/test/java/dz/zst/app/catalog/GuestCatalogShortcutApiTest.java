package dz.zst.app.catalog;

import static dz.zst.app.support.ShortcutChecks.comparable;
import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ShortcutChecks;
import dz.zst.app.support.TestUsers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A guest's product list and product page are answered in front of the security chain
 * (CatalogShortcut). These tests hold it to the full path's answer: same bytes, same headers,
 * never stale after a write, and every request it can't answer exactly left to the full path.
 */
class GuestCatalogShortcutApiTest extends ApiTestBase {


    @Test
    void guestReadsAreTheFullPathsAnswerByteForByteAndHeaderForHeader() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "shortcut-" + run + "@zst.test", "fournisseur");
        String customer = TestUsers.signIn(baseUrl(), "shortcut-buyer-" + run + "@zst.test");
        String id = ApiCalls.post(baseUrl() + "/api/v1/products", seller, Map.of("name", "Raccourci " + run,
                "price", 120, "stock", 4, "category", "home")).body().get("id").asText();
        double before = shortcutCount();

        int guestReads = 0;
        for (String path : List.of("/api/v1/products?search=" + run + "&sort_by=price&sort_order=asc&limit=5",
                "/api/v1/products/" + id)) {
            for (Map<String, String> encoding : List.of(Map.<String, String>of(), Map.of("Accept-Encoding", "gzip"))) {
                ApiCalls.Download guest = ApiCalls.sendBytes("GET", baseUrl() + path, null, null, encoding);
                // A signed-in customer sees the same public catalog; a parameter the shortcut does not
                // read (Spring ignores it) sends it through the security chain and MVC.
                ApiCalls.Download full = ApiCalls.sendBytes("GET", baseUrl() + path + (path.contains("?") ? "&" : "?")
                        + "full_path=1", customer, null, encoding);
                guestReads++;

                assertThat(guest.status()).isEqualTo(200);
                assertThat(guest.body()).isEqualTo(full.body());
                assertThat(comparable(guest.headers())).isEqualTo(comparable(full.headers()));
            }
        }
        assertThat(shortcutCount() - before).as("guest reads answered by the shortcut").isGreaterThanOrEqualTo(guestReads);
        // The HTTP metrics name the route, as for the full path (not UNKNOWN).
        assertThat(ApiCalls.get(managementUrl() + "/actuator/prometheus", null).raw())
                .containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"200\",uri=\"/api/v1/products/\\{id}\"")
                .doesNotContainPattern("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"200\",uri=\"UNKNOWN\"");
    }

    @Test
    void aGuestReadRightAfterAWriteShowsTheWrite() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "shortcut-w-" + run + "@zst.test", "fournisseur");
        String id = ApiCalls.post(baseUrl() + "/api/v1/products", seller, Map.of("name", "Frais " + run,
                "price", 100, "stock", 2, "category", "home")).body().get("id").asText();
        String list = "/api/v1/products?search=" + run;
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/products/" + id, null).body().get("price").asDouble()).isEqualTo(100);
        assertThat(ApiCalls.get(baseUrl() + list, null).body().get("data").get(0).get("price").asDouble()).isEqualTo(100);

        for (int price = 101; price <= 105; price++) {
            assertThat(ApiCalls.patch(baseUrl() + "/api/v1/products/" + id, seller, Map.of("price", price)).status())
                    .isEqualTo(200);
            assertThat(ApiCalls.get(baseUrl() + "/api/v1/products/" + id, null).body().get("price").asDouble())
                    .isEqualTo(price);
            assertThat(ApiCalls.get(baseUrl() + list, null).body().get("data").get(0).get("price").asDouble())
                    .isEqualTo(price);
        }

        assertThat(ApiCalls.delete(baseUrl() + "/api/v1/products/" + id, seller).status()).isBetween(200, 204);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/products/" + id, null).status()).isEqualTo(404);
        assertThat(ApiCalls.get(baseUrl() + list, null).body().get("data")).isEmpty();
    }

    @Test
    void whatTheShortcutCannotReadExactlyGetsTheFullPathsAnswer() {
        String products = baseUrl() + "/api/v1/products";
        double before = shortcutCount();

        for (String bad : List.of("?page=0", "?page=abc", "?limit=101", "?sort_order=up", "?sort_by=colour",
                "?min_price=-1", "?min_price=9&max_price=1", "?seller_id=nope", "?category=spaceships")) {
            ApiCalls.Response answer = ApiCalls.get(products + bad, null);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(bad).startsWith("application/problem+json");
            assertThat(answer.body().get("statusCode").asInt()).as(bad).isEqualTo(400);
        }
        ApiCalls.Response unknown = ApiCalls.get(products + "/" + UUID.randomUUID(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("statusCode").asInt()).isEqualTo(404);
        assertThat(shortcutCount()).as("no error was answered by the shortcut").isEqualTo(before);

        // Spring reads "yes" as true; the shortcut leaves such values to it, and the answer is the same.
        assertThat(ApiCalls.get(products + "?in_stock=yes&limit=3", null).raw())
                .isEqualTo(ApiCalls.get(products + "?in_stock=true&limit=3", null).raw());
        // A browser's cross-origin read gets the CORS answer of the full path (any origin, by default).
        ApiCalls.Response browser = ApiCalls.send("GET", products + "?limit=1", null, null,
                Map.of("Origin", "https://shop.example"));
        assertThat(browser.status()).isEqualTo(200);
        assertThat(browser.header("Access-Control-Allow-Origin")).isIn("*", "https://shop.example");
        assertThat(browser.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
        // A bad token on a public read is still a 401: tokens are always checked by the security chain.
        assertThat(ApiCalls.get(products, "not-a-token").status()).isEqualTo(401);
    }

    private double shortcutCount() {
        return ShortcutChecks.counter(managementUrl(), "zst_http_guest_catalog_shortcut_total");
    }
}
