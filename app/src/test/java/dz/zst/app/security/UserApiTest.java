package dz.zst.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class UserApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    private static String email(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@zst.test";
    }

    private String url(String path) {
        return baseUrl() + path;
    }

    private static void assertError(Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.body().path("statusCode").asInt()).isEqualTo(status);
        assertThat(response.body().has("message")).isTrue();
    }

    @Test
    void devRegisterAnswersTokenAndNewCustomer() {
        String email = email("Amina");
        Response response = ApiCalls.post(url("/api/v1/dev-auth/register"), null,
                Map.of("email", email, "password", "secret1", "full_name", "Amina Benali"));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        assertThat(response.body().path("access_token").asText()).isNotBlank();
        assertThat(response.body().path("user").path("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(response.body().path("user").path("full_name").asText()).isEqualTo("Amina Benali");
        assertThat(response.body().path("user").path("role").asText()).isEqualTo("customer");

        Response me = ApiCalls.get(url("/api/v1/auth/me"), response.body().path("access_token").asText());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("id").asText()).isEqualTo(response.body().path("user").path("id").asText());
    }

    @Test
    void devRegisterRefusesTakenEmailAndBadInput() {
        String email = email("taken");
        Map<String, String> body = Map.of("email", email, "password", "secret1", "full_name", "Taken");
        assertThat(ApiCalls.post(url("/api/v1/dev-auth/register"), null, body).status()).isEqualTo(201);
        assertError(ApiCalls.post(url("/api/v1/dev-auth/register"), null, body), 409);
        assertError(ApiCalls.post(url("/api/v1/dev-auth/register"), null,
                Map.of("email", email("short"), "password", "12345", "full_name", "Short")), 400);
        assertError(ApiCalls.post(url("/api/v1/dev-auth/register"), null,
                Map.of("email", "not-an-email", "password", "secret1", "full_name", "Bad")), 400);
        assertError(ApiCalls.post(url("/api/v1/dev-auth/register"), null,
                Map.of("email", email("noname"), "password", "secret1")), 400);
        assertError(ApiCalls.post(url("/api/v1/dev-auth/register"), null,
                Map.of("email", email("extra"), "password", "secret1", "full_name", "X", "role", "admin")), 400);
        assertError(ApiCalls.post(url("/api/v1/dev-auth/register"), null, "{not json"), 400);
        assertError(ApiCalls.post(url("/api/v1/dev-auth/register"), null, null), 400);
    }

    @Test
    void devLoginCreatesUserOnFirstLoginThenChecksPassword() {
        String email = email("login");
        Response first = ApiCalls.post(url("/api/v1/dev-auth/login"), null,
                Map.of("email", email, "password", "secret1"));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        Response again = ApiCalls.post(url("/api/v1/dev-auth/login"), null,
                Map.of("email", email.toUpperCase(), "password", "secret1"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("user").path("id")).isEqualTo(first.body().path("user").path("id"));
        Response wrong = ApiCalls.post(url("/api/v1/dev-auth/login"), null,
                Map.of("email", email, "password", "wrong-password"));
        assertError(wrong, 401);
        assertThat(wrong.body().get("message").asText())
                .as("says what is wrong without telling which of the two")
                .isEqualTo("The email or the password is incorrect");
        assertError(ApiCalls.post(url("/api/v1/dev-auth/login"), null, Map.of("email", email)), 400);
    }

    @Test
    void meShowsPrivateFieldsOnlyToTheUser() {
        String token = TestUsers.signIn(baseUrl(), email("me"));
        Response me = ApiCalls.get(url("/api/v1/auth/me"), token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().fieldNames()).toIterable().contains("id", "clerk_id", "email", "full_name",
                "avatar_url", "phone", "wilaya", "bio", "role", "seller_category", "is_verified", "is_active",
                "push_token", "created_at", "updated_at");
        assertThat(me.body().path("clerk_id").asText()).startsWith("dev_");
        assertThat(ApiCalls.get(url("/api/v1/dev-auth/me"), token).body()).isEqualTo(me.body());
    }

    @Test
    void userUpdatesOwnProfileAndReadsItBackAtOnce() {
        String token = TestUsers.signIn(baseUrl(), email("profile"));
        Response updated = ApiCalls.patch(url("/api/v1/auth/me"), token, Map.of("full_name", "Karim B",
                "phone", "+213 555 00 11 22", "wilaya", "Oran", "bio", "Grossiste à Oran",
                "avatar_url", "https://cdn.zst.dz/a.png", "push_token", "ExponentPushToken[abc]"));
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().path("wilaya").asText()).isEqualTo("Oran");
        Response me = ApiCalls.get(url("/api/v1/auth/me"), token);
        assertThat(me.body().path("full_name").asText()).isEqualTo("Karim B");
        assertThat(me.body().path("push_token").asText()).isEqualTo("ExponentPushToken[abc]");
        assertThat(me.body().path("bio").asText()).isEqualTo("Grossiste à Oran");

        Response viaDev = ApiCalls.patch(url("/api/v1/dev-auth/me"), token, Map.of("wilaya", ""));
        assertThat(viaDev.status()).isEqualTo(200);
        assertThat(ApiCalls.get(url("/api/v1/auth/me"), token).body().path("wilaya").isNull()).isTrue();
        assertThat(ApiCalls.get(url("/api/v1/auth/me"), token).body().path("full_name").asText())
                .isEqualTo("Karim B");
    }

    @Test
    void profileUpdateRefusesBadInput() {
        String token = TestUsers.signIn(baseUrl(), email("badprofile"));
        assertError(ApiCalls.patch(url("/api/v1/auth/me"), token, Map.of("avatar_url", "javascript:x")), 400);
        assertError(ApiCalls.patch(url("/api/v1/auth/me"), token, Map.of("full_name", " ")), 400);
        assertError(ApiCalls.patch(url("/api/v1/auth/me"), token, Map.of("role", "admin")), 400);
        assertError(ApiCalls.patch(url("/api/v1/auth/me"), token, Map.of("phone", "call me")), 400);
        assertError(ApiCalls.patch(url("/api/v1/auth/me"), token, Map.of("bio", "x".repeat(1001))), 400);
        assertError(ApiCalls.patch(url("/api/v1/auth/me"), token, "{\"phone\": 5}"), 400);
        assertError(ApiCalls.patch(url("/api/v1/auth/me"), token, "[]"), 400);
    }

    @Test
    void syncRoleMakesASellerOfTheChosenTier() {
        String token = TestUsers.signIn(baseUrl(), email("seller"));
        Response response = ApiCalls.post(url("/api/v1/auth/sync-role"), token,
                Map.of("role", "seller", "seller_category", "grossiste"));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body().path("success").asBoolean()).isTrue();
        assertThat(response.body().path("message").asText()).isNotBlank();
        assertThat(response.body().path("user").path("role").asText()).isEqualTo("seller");
        assertThat(response.body().path("user").path("seller_category").asText()).isEqualTo("grossiste");
        assertThat(response.body().path("user").path("id").asText()).isNotBlank();
        Response me = ApiCalls.get(url("/api/v1/auth/me"), token);
        assertThat(me.body().path("role").asText()).isEqualTo("seller");
        assertThat(me.body().path("seller_category").asText()).isEqualTo("grossiste");
    }

    @Test
    void registerAliasAcceptsCamelCaseCategory() {
        String token = TestUsers.signIn(baseUrl(), email("alias"));
        Response response = ApiCalls.post(url("/api/v1/auth/register"), token,
                Map.of("role", "seller", "sellerCategory", "importateur"));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body().path("user").path("seller_category").asText()).isEqualTo("importateur");
        Response back = ApiCalls.post(url("/api/v1/auth/sync-role"), token, Map.of("role", "freelancer"));
        assertThat(back.body().path("user").path("role").asText()).isEqualTo("freelancer");
        assertThat(back.body().path("user").path("seller_category").isNull()).isTrue();
    }

    @Test
    void syncRoleEnforcesTheRoleRules() {
        String token = TestUsers.signIn(baseUrl(), email("rules"));
        String sync = url("/api/v1/auth/sync-role");
        assertError(ApiCalls.post(sync, token, Map.of("role", "seller")), 400);
        assertError(ApiCalls.post(sync, token, Map.of("role", "customer", "seller_category", "fournisseur")), 400);
        assertError(ApiCalls.post(sync, token, Map.of("role", "admin")), 403);
        assertError(ApiCalls.post(sync, token, Map.of("role", "king")), 400);
        assertError(ApiCalls.post(sync, token, Map.of("role", "seller", "seller_category", "boutique")), 400);
        assertError(ApiCalls.post(sync, token, Map.of("seller_category", "fournisseur")), 400);
        assertError(ApiCalls.post(sync, token, Map.of("role", "customer", "extra", "x")), 400);
        assertError(ApiCalls.post(sync, token, "{\"role\": 1}"), 400);
        assertThat(ApiCalls.get(url("/api/v1/auth/me"), token).body().path("role").asText()).isEqualTo("customer");
    }

    @Test
    void adminEmailIsPromotedOnSignIn() {
        Response admin = ApiCalls.post(url("/api/v1/dev-auth/login"), null,
                Map.of("email", TestUsers.ADMIN_EMAIL, "password", TestUsers.PASSWORD));
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body().path("user").path("role").asText()).isEqualTo("admin");
    }

    @Test
    void adminChangesAnyUsersRoleAndTheUserSeesItAtOnce() {
        String admin = TestUsers.admin(baseUrl());
        String user = TestUsers.signIn(baseUrl(), email("promoted"));
        String userId = TestUsers.userId(baseUrl(), user);
        assertThat(ApiCalls.get(url("/api/v1/auth/me"), user).body().path("role").asText()).isEqualTo("customer");

        Response changed = ApiCalls.patch(url("/api/v1/admin/users/" + userId), admin,
                Map.of("role", "seller", "seller_category", "fournisseur"));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.body().path("role").asText()).isEqualTo("seller");
        Response me = ApiCalls.get(url("/api/v1/auth/me"), user);
        assertThat(me.body().path("role").asText()).isEqualTo("seller");
        assertThat(me.body().path("seller_category").asText()).isEqualTo("fournisseur");

        Response toAdmin = ApiCalls.patch(url("/api/v1/admin/users/" + userId), admin, Map.of("role", "admin"));
        assertThat(toAdmin.body().path("role").asText()).isEqualTo("admin");
        assertThat(ApiCalls.patch(url("/api/v1/admin/users/" + userId), user, Map.of("role", "customer")).status())
                .isEqualTo(200);
    }

    @Test
    void adminRouteRefusesNonAdminsAndBadInput() {
        String admin = TestUsers.admin(baseUrl());
        String user = TestUsers.signIn(baseUrl(), email("plain"));
        String userId = TestUsers.userId(baseUrl(), user);
        String route = url("/api/v1/admin/users/" + userId);
        Response forbidden = ApiCalls.patch(route, user, Map.of("role", "freelancer"));
        assertError(forbidden, 403);
        assertThat(forbidden.body().path("message").asText()).startsWith("Forbidden");
        assertError(ApiCalls.patch(route, admin, Map.of("role", "seller")), 400);
        assertError(ApiCalls.patch(route, admin, Map.of("role", "nobody")), 400);
        assertError(ApiCalls.patch(route, admin, Map.of()), 400);
        assertError(ApiCalls.patch(url("/api/v1/admin/users/" + UUID.randomUUID()), admin,
                Map.of("role", "customer")), 404);
        assertError(ApiCalls.patch(url("/api/v1/admin/users/not-a-uuid"), admin, Map.of("role", "customer")), 404);
    }

    @Test
    void eventsRecordWhoActed() {
        String admin = TestUsers.admin(baseUrl());
        String adminId = TestUsers.userId(baseUrl(), admin);
        String user = TestUsers.signIn(baseUrl(), email("audited"));
        String userId = TestUsers.userId(baseUrl(), user);
        assertThat(ApiCalls.patch(url("/api/v1/admin/users/" + userId), admin, Map.of("role", "freelancer"))
                .status()).isEqualTo(200);
        byte[] metadata = jdbc.sql("""
                        SELECT metadata FROM domainevententry WHERE aggregateidentifier = ?
                        ORDER BY sequencenumber DESC LIMIT 1""")
                .param(userId).query(byte[].class).single();
        assertThat(new String(metadata, StandardCharsets.UTF_8))
                .contains("\"actorId\":\"" + adminId + "\"")
                .contains("\"actorRole\":\"admin\"");
    }
}
