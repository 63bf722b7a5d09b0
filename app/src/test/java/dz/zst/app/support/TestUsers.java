package dz.zst.app.support;

import java.util.Map;

/**
 * Signed-in users for API tests, through development sign-in (on in the test profile). A user is
 * created on first sign-in of an email and keeps its state for the whole test run (one shared
 * platform), so use emails unique to your test, e.g. {@code "buyer-" + UUID.randomUUID() + "@t.dz"}.
 *
 * <pre>
 * String buyer = TestUsers.signIn(baseUrl(), "buyer-1@zst.test");
 * String seller = TestUsers.seller(baseUrl(), "seller-1@zst.test", "fournisseur");
 * String admin = TestUsers.admin(baseUrl());
 * String sellerId = TestUsers.userId(baseUrl(), seller);
 * </pre>
 */
public final class TestUsers {

    /** The email listed in zst.admin-emails of application-test.yml. */
    public static final String ADMIN_EMAIL = "admin@zst.test";
    public static final String PASSWORD = "password123";

    private TestUsers() {
    }

    /** A bearer token of the user with this email (a customer unless changed since). */
    public static String signIn(String baseUrl, String email) {
        ApiCalls.Response response = ApiCalls.post(baseUrl + "/api/v1/dev-auth/login", null,
                Map.of("email", email, "password", PASSWORD));
        expect(response, 200, "sign in " + email);
        return response.body().path("access_token").asText();
    }

    /** A bearer token of a seller of the given tier: fournisseur, grossiste or importateur. */
    public static String seller(String baseUrl, String email, String sellerCategory) {
        return withRole(baseUrl, email, Map.of("role", "seller", "seller_category", sellerCategory));
    }

    public static String freelancer(String baseUrl, String email) {
        return withRole(baseUrl, email, Map.of("role", "freelancer"));
    }

    /** A bearer token of the test admin (promoted on sign-in because of its email). */
    public static String admin(String baseUrl) {
        return signIn(baseUrl, ADMIN_EMAIL);
    }

    /** The user id (UUID text) behind a token. */
    public static String userId(String baseUrl, String token) {
        ApiCalls.Response response = ApiCalls.get(baseUrl + "/api/v1/auth/me", token);
        expect(response, 200, "read the signed-in user");
        return response.body().path("id").asText();
    }

    private static String withRole(String baseUrl, String email, Map<String, String> role) {
        String token = signIn(baseUrl, email);
        expect(ApiCalls.post(baseUrl + "/api/v1/auth/sync-role", token, role), 200, "set the role of " + email);
        return token;
    }

    private static void expect(ApiCalls.Response response, int status, String what) {
        if (response.status() != status) {
            throw new AssertionError("could not " + what + ": HTTP " + response.status() + " " + response.raw());
        }
    }
}
