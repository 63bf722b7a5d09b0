package dz.zst.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.ZstApplication;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The global rate limit over HTTP (API.md §12), on a platform of its own started with a limit of 5
 * requests a minute: the sixth request of a client is 429 with Retry-After in the error shape, and
 * another client keeps its own budget. (The shared test platform runs with the limit off.)
 */
@SpringBootTest(classes = ZstApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"zst.rate-limit-per-minute=5", "zst.trust-forwarded-for=true"})
@ActiveProfiles("test")
class RateLimitApiTest {

    @LocalServerPort
    private int port;

    @Test
    void sixthRequestOfAClientInAMinuteIsTooManyRequests() {
        String base = "http://localhost:" + port;
        String token = TestUsers.signIn(base, "limited-" + UUID.randomUUID() + "@zst.test");
        List<Integer> statuses = new ArrayList<>();
        ApiCalls.Response last = null;
        for (int i = 0; i < 6; i++) {
            last = ApiCalls.get(base + "/api/v1/auth/me", token);
            statuses.add(last.status());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).matches("\\d+");
        assertThat(last.header("Content-Type")).startsWith("application/problem+json");
        assertThat(last.body().get("statusCode").asInt()).isEqualTo(429);
        assertThat(last.body().get("status").asInt()).isEqualTo(429);
        assertThat(last.body().get("title").asText()).isNotBlank();

        String other = TestUsers.signIn(base, "other-" + UUID.randomUUID() + "@zst.test");
        assertThat(ApiCalls.get(base + "/api/v1/auth/me", other).status()).isEqualTo(200);
    }

    /** Guest catalog reads are answered before the security chain (CatalogShortcut): still limited. */
    @Test
    void guestCatalogReadsCountAgainstTheGuestsBudgetToo() {
        String base = "http://localhost:" + port;
        String guest = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        List<ApiCalls.Response> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String path = i % 2 == 0 ? "/api/v1/products" : "/api/v1/products?limit=3";
            answers.add(ApiCalls.send("GET", base + path, null, null, Map.of("X-Forwarded-For", guest)));
        }
        assertThat(answers.subList(0, 5)).extracting(ApiCalls.Response::status).containsOnly(200);
        assertThat(answers.get(0).header("X-RateLimit-Limit")).isEqualTo("5");
        ApiCalls.Response limited = answers.get(5);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).matches("\\d+");
        assertThat(limited.body().get("statusCode").asInt()).isEqualTo(429);

        String other = guest.equals("198.51.100.255") ? "198.51.100.1" : "198.51.100.255";
        assertThat(ApiCalls.send("GET", base + "/api/v1/products", null, null, Map.of("X-Forwarded-For", other))
                .status()).isEqualTo(200);
    }

    /**
     * Signed-in catalog reads are answered before the security chain too (CatalogShortcut): they
     * count against their user, as after the chain, whichever path each takes and from whichever
     * address.
     */
    @Test
    void signedInCatalogReadsCountAgainstTheUsersBudgetOnBothPaths() {
        String base = "http://localhost:" + port;
        String token = TestUsers.signIn(base, "limited-catalog-" + UUID.randomUUID() + "@zst.test");
        List<ApiCalls.Response> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // An unknown parameter sends every other read the full way (Spring ignores it).
            String path = i % 2 == 0 ? "/api/v1/products" : "/api/v1/products?full_path=1";
            answers.add(ApiCalls.send("GET", base + path, token, null,
                    Map.of("X-Forwarded-For", "203.0.113." + (i + 1))));
        }
        assertThat(answers.subList(0, 5)).extracting(ApiCalls.Response::status).containsOnly(200);
        assertThat(answers.subList(0, 5)).extracting(answer -> answer.header("X-RateLimit-Remaining"))
                .containsExactly("4", "3", "2", "1", "0");
        assertThat(answers.get(5).status()).isEqualTo(429);
    }
}
