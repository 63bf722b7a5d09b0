package dz.zst.app.security;

import static dz.zst.app.support.ShortcutChecks.comparable;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ShortcutChecks;
import dz.zst.app.support.TestUsers;
import dz.zst.command.users.UserCommandSender;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserCommands.DeactivateUserCommand;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A signed-in product list and product page are answered in front of the security chain
 * (CatalogShortcut), the token verified there by the chain's own BearerSignIn. These tests hold
 * it to the full path's answer for the same caller (same bytes, same headers, tier visibility
 * included), to the full path's refusals of every bad token and of a deactivated user, and to a
 * deactivation taking effect on the very next read.
 */
class SignedInCatalogShortcutApiTest extends ApiTestBase {


    @Autowired
    private UserCommandSender users;

    @Test
    void signedInReadsAreTheFullPathsAnswerByteForByteAndHeaderForHeader() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String importateur = TestUsers.seller(baseUrl(), "si-imp-" + run + "@zst.test", "importateur");
        String fournisseur = TestUsers.seller(baseUrl(), "si-four-" + run + "@zst.test", "fournisseur");
        String retail = product(fournisseur, "Détail " + run);
        String bulk = product(importateur, "Lot " + run);
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("customer", TestUsers.signIn(baseUrl(), "si-buyer-" + run + "@zst.test"));
        callers.put("grossiste", TestUsers.seller(baseUrl(), "si-gros-" + run + "@zst.test", "grossiste"));
        callers.put("owner", importateur);
        callers.put("admin", TestUsers.admin(baseUrl()));
        callers.put("clerk customer", ClerkTokens.forSubject("user_si_" + run));
        double before = shortcutCount();

        int fastReads = 0;
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            for (String path : List.of("/api/v1/products?search=" + run + "&sort_by=price&sort_order=asc&limit=5",
                    "/api/v1/products/" + retail, "/api/v1/products/" + bulk)) {
                for (Map<String, String> encoding : List.of(Map.<String, String>of(), Map.of("Accept-Encoding", "gzip"))) {
                    String what = caller.getKey() + " " + path + " " + encoding;
                    ApiCalls.Download fast = ApiCalls.sendBytes("GET", baseUrl() + path, caller.getValue(), null, encoding);
                    ApiCalls.Download full = ApiCalls.sendBytes("GET", fullPath(baseUrl() + path), caller.getValue(),
                            null, encoding);
                    assertThat(fast.status()).as(what).isEqualTo(full.status());
                    assertThat(fast.body()).as(what).isEqualTo(full.body());
                    assertThat(comparable(fast.headers())).as(what).isEqualTo(comparable(full.headers()));
                    if (fast.status() == 200) {
                        fastReads++;
                    }
                }
            }
        }
        // Tier visibility (API.md §3) is the caller's: the importateur's lot is the grossiste's, the
        // owner's and the admin's, not the customers'.
        for (String caller : List.of("grossiste", "owner", "admin")) {
            assertThat(ApiCalls.get(baseUrl() + "/api/v1/products/" + bulk, callers.get(caller)).status())
                    .as(caller).isEqualTo(200);
            assertThat(ApiCalls.get(baseUrl() + "/api/v1/products?search=" + run, callers.get(caller)).body()
                    .get("data")).as(caller).hasSize(2);
        }
        for (String caller : List.of("customer", "clerk customer")) {
            assertThat(ApiCalls.get(baseUrl() + "/api/v1/products/" + bulk, callers.get(caller)).status())
                    .as(caller).isEqualTo(404);
            assertThat(ApiCalls.get(baseUrl() + "/api/v1/products?search=" + run, callers.get(caller)).body()
                    .get("data")).as(caller).hasSize(1);
        }
        assertThat(fastReads).isEqualTo(2 * (3 * 3 + 2 * 2));
        assertThat(shortcutCount() - before).as("signed-in reads answered by the shortcut")
                .isGreaterThanOrEqualTo(fastReads);
    }

    @Test
    void refusedTokensAndDeactivatedUsersGetTheFullPathsAnswer() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "si-bad-" + run + "@zst.test", "fournisseur");
        String id = product(seller, "Refus " + run);
        String deactivatedSubject = "user_si_gone_" + run;
        String deactivated = ClerkTokens.forSubject(deactivatedSubject);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/products/" + id, deactivated).status()).isEqualTo(200);
        users.send(UserId.forExternalSubject(deactivatedSubject),
                new DeactivateUserCommand(UserId.forExternalSubject(deactivatedSubject)));

        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", ClerkTokens.sign(ClerkTokens.claims("user_si_" + run)
                .issueTime(Date.from(now.minusSeconds(600))).notBeforeTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.minusSeconds(60))).build()));
        tokens.put("not yet valid", ClerkTokens.sign(ClerkTokens.claims("user_si_" + run)
                .notBeforeTime(Date.from(now.plusSeconds(60))).build()));
        tokens.put("forged", ClerkTokens.sign(ClerkTokens.claims("user_si_" + run).build(), ClerkTokens.OTHER_KEY));
        tokens.put("wrong issuer", ClerkTokens.sign(ClerkTokens.claims("user_si_" + run)
                .issuer("https://clerk.elsewhere.test").build()));
        tokens.put("development issuer, Clerk key", ClerkTokens.sign(ClerkTokens.claims("user_si_" + run)
                .issuer(DevSigningKey.ISSUER).build()));
        tokens.put("unauthorized party", ClerkTokens.sign(ClerkTokens.claims("user_si_" + run)
                .claim("azp", "https://phishing.test").build()));
        tokens.put("not a JWT", "not-a-token");
        tokens.put("deactivated", deactivated);
        double before = shortcutCount();

        for (Map.Entry<String, String> token : tokens.entrySet()) {
            int expected = token.getKey().equals("deactivated") ? 403 : 401;
            for (String path : List.of("/api/v1/products?limit=2", "/api/v1/products/" + id)) {
                String what = token.getKey() + " " + path;
                ApiCalls.Download fast = ApiCalls.sendBytes("GET", baseUrl() + path, token.getValue(), null, Map.of());
                ApiCalls.Download full = ApiCalls.sendBytes("GET", fullPath(baseUrl() + path), token.getValue(),
                        null, Map.of());
                assertThat(fast.status()).as(what).isEqualTo(expected).isEqualTo(full.status());
                assertThat(new String(fast.body())).as(what).isEqualTo(new String(full.body()))
                        .contains("\"statusCode\":" + expected);
                assertThat(comparable(fast.headers())).as(what).isEqualTo(comparable(full.headers()));
            }
        }
        assertThat(shortcutCount()).as("no refusal was answered by the shortcut").isEqualTo(before);
    }

    @Test
    void aUserDeactivatedAfterAFastReadIsRefusedOnTheNextRead() {
        String email = "si-leaving-" + UUID.randomUUID() + "@zst.test";
        String token = TestUsers.signIn(baseUrl(), email);
        UserId userId = UserId.of(TestUsers.userId(baseUrl(), token));
        String list = baseUrl() + "/api/v1/products?limit=1";
        double before = shortcutCount();
        assertThat(ApiCalls.get(list, token).status()).isEqualTo(200);
        assertThat(ApiCalls.get(list, token).status()).isEqualTo(200);
        assertThat(shortcutCount() - before).as("the reads before came by the shortcut").isGreaterThanOrEqualTo(2);

        users.send(userId, new DeactivateUserCommand(userId));

        ApiCalls.Response refused = ApiCalls.get(list, token);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("message").asText()).isEqualTo("Forbidden: this account is deactivated");
    }

    /** An unknown parameter: Spring ignores it, the shortcut leaves the request to the full path. */
    private static String fullPath(String url) {
        return url + (url.contains("?") ? "&" : "?") + "full_path=1";
    }

    private String product(String seller, String name) {
        return ApiCalls.post(baseUrl() + "/api/v1/products", seller, Map.of("name", name, "price", 120, "stock", 4,
                "category", "home")).body().get("id").asText();
    }

    private double shortcutCount() {
        return ShortcutChecks.counter(managementUrl(), "zst_http_signed_in_catalog_shortcut_total");
    }
}
