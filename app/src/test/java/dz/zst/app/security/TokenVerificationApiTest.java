package dz.zst.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.domain.shared.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class TokenVerificationApiTest extends ApiTestBase {

    private Response me(String token) {
        return ApiCalls.get(baseUrl() + "/api/v1/auth/me", token);
    }

    private static String newSubject() {
        return "user_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static void assertUnauthorized(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body().path("statusCode").asInt()).isEqualTo(401);
        assertThat(response.body().path("message").asText()).isEqualTo("Unauthorized");
        assertThat(response.body().path("status").asInt()).isEqualTo(401);
    }

    @Test
    void clerkTokenCreatesCustomerOnFirstSight() {
        String subject = newSubject();
        Response response = me(ClerkTokens.forSubject(subject));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("id").asText()).isEqualTo(UserId.forExternalSubject(subject).toString());
        assertThat(response.body().path("clerk_id").asText()).isEqualTo(subject);
        assertThat(response.body().path("role").asText()).isEqualTo("customer");
        assertThat(response.body().path("seller_category").isNull()).isTrue();
        assertThat(response.body().path("is_active").asBoolean()).isTrue();
        assertThat(response.body().path("is_verified").asBoolean()).isFalse();
        assertThat(response.body().has("version")).isFalse();
        assertThat(response.body().has("created_at")).isTrue();
    }

    @Test
    void racingFirstRequestsOfOneSubjectCreateOneUser() {
        String token = ClerkTokens.forSubject(newSubject());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> me(token), pool));
            }
            List<String> ids = calls.stream().map(CompletableFuture::join).map(response -> {
                assertThat(response.status()).isEqualTo(200);
                return response.body().path("id").asText();
            }).distinct().toList();
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void refusesForgedSignature() {
        String[] parts = ClerkTokens.forSubject(newSubject()).split("\\.");
        String otherPayload = ClerkTokens.forSubject("user_admin").split("\\.")[1];
        assertUnauthorized(me(parts[0] + "." + otherPayload + "." + parts[2]));
        String flipped = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        assertUnauthorized(me(parts[0] + "." + parts[1] + "." + flipped));
    }

    @Test
    void refusesTokenSignedByAnotherKey() {
        assertUnauthorized(me(ClerkTokens.sign(ClerkTokens.claims(newSubject()).build(), ClerkTokens.OTHER_KEY)));
    }

    @Test
    void refusesExpiredToken() {
        Instant past = Instant.now().minusSeconds(120);
        assertUnauthorized(me(ClerkTokens.sign(ClerkTokens.claims(newSubject())
                .issueTime(Date.from(past.minusSeconds(60))).notBeforeTime(Date.from(past.minusSeconds(60)))
                .expirationTime(Date.from(past)).build())));
    }

    @Test
    void refusesTokenNotValidYet() {
        assertUnauthorized(me(ClerkTokens.sign(ClerkTokens.claims(newSubject())
                .notBeforeTime(Date.from(Instant.now().plusSeconds(120))).build())));
    }

    @Test
    void refusesTokenWithoutExpiry() {
        assertUnauthorized(me(ClerkTokens.sign(ClerkTokens.claims(newSubject()).expirationTime(null).build())));
    }

    @Test
    void refusesWrongIssuer() {
        assertUnauthorized(me(ClerkTokens.sign(ClerkTokens.claims(newSubject())
                .issuer("https://evil.example").build())));
        assertUnauthorized(me(ClerkTokens.sign(ClerkTokens.claims(newSubject()).issuer("zst-dev").build())));
    }

    @Test
    void checksAuthorizedPartyWhenPresent() {
        assertUnauthorized(me(ClerkTokens.sign(ClerkTokens.claims(newSubject())
                .claim("azp", "https://evil.example").build())));
        assertThat(me(ClerkTokens.sign(ClerkTokens.claims(newSubject()).claim("azp", null).build())).status())
                .isEqualTo(200);
    }

    @Test
    void refusesUnsignedToken() {
        String unsigned = new PlainJWT(ClerkTokens.claims(newSubject()).build()).serialize();
        assertUnauthorized(me(unsigned));
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String[] signed = ClerkTokens.forSubject(newSubject()).split("\\.");
        assertUnauthorized(me(header + "." + signed[1] + "."));
        assertUnauthorized(me(header + "." + signed[1] + "." + signed[2]));
    }

    @Test
    void refusesSymmetricAlgorithm() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), ClerkTokens.claims(newSubject()).build());
        jwt.sign(new MACSigner("a-shared-secret-of-at-least-32-bytes!!".getBytes()));
        assertUnauthorized(me(jwt.serialize()));
    }

    @Test
    void refusesSubjectsNoUserCanHave() {
        assertUnauthorized(me(ClerkTokens.forSubject("user_" + "x".repeat(300))));
        assertUnauthorized(me(ClerkTokens.forSubject("user with spaces")));
        assertUnauthorized(me(ClerkTokens.forSubject(" ")));
    }

    @Test
    void refusesGarbage() {
        assertUnauthorized(me("garbage"));
        assertUnauthorized(me("a.b.c"));
        assertUnauthorized(me(""));
        Response lowercase = ApiCalls.send("GET", baseUrl() + "/api/v1/auth/me", null, null,
                java.util.Map.of("Authorization", "Bearer"));
        assertUnauthorized(lowercase);
    }

    @Test
    void badTokenOnPublicRouteIsStillUnauthorized() {
        assertUnauthorized(ApiCalls.get(baseUrl() + "/api/v1/products", "garbage"));
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/products", null).status()).isNotIn(401, 403);
    }

    @Test
    void publicRoutesNeedNoToken() {
        assertThat(ApiCalls.get(managementUrl() + "/actuator/health", null).status()).isEqualTo(200);
        assertThat(ApiCalls.get(baseUrl() + "/api/docs-json", null).status()).isEqualTo(200);
        for (String path : List.of("/api", "/api/health", "/v3/api-docs", "/media/x.png", "/api/v1/products/x",
                "/api/v1/geo/wilayas", "/api/v1/guest/orders/x", "/api/v1/reels")) {
            assertThat(ApiCalls.get(baseUrl() + path, null).status()).as(path).isNotIn(401, 403);
        }
        for (String path : List.of("/api/v1/orders", "/api/v1/reels/x/view", "/api/v1/dev-auth/login")) {
            assertThat(ApiCalls.post(baseUrl() + path, null, "{}").status()).as(path).isNotIn(401, 403);
        }
    }

    @Test
    void guestsNeedATokenOutsidePublicRoutes() {
        assertUnauthorized(me(null));
        assertUnauthorized(ApiCalls.get(baseUrl() + "/api/v1/seller/products", null));
        assertUnauthorized(ApiCalls.post(baseUrl() + "/api/v1/products", null, "{}"));
        assertUnauthorized(ApiCalls.send("DELETE", baseUrl() + "/api/v1/products/" + UUID.randomUUID(), null, null,
                java.util.Map.of()));
        assertUnauthorized(ApiCalls.patch(baseUrl() + "/api/v1/auth/me", null, "{}"));
        assertUnauthorized(ApiCalls.patch(baseUrl() + "/api/v1/admin/users/" + UUID.randomUUID(), null,
                "{\"role\":\"customer\"}"));
    }

    @Test
    void devTokenIsVerifiedLikeClerkTokens() {
        String token = dz.zst.app.support.TestUsers.signIn(baseUrl(), "dev-" + UUID.randomUUID() + "@zst.test");
        assertThat(me(token).status()).isEqualTo(200);
        String[] parts = token.split("\\.");
        JWTClaimsSet forged = ClerkTokens.claims(newSubject()).issuer("zst-dev").build();
        assertUnauthorized(me(parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.toString().getBytes()) + "." + parts[2]));
    }
}
