package dz.zst.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.svix.Webhook;
import com.svix.exceptions.WebhookSigningException;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClerkWebhookApiTest extends ApiTestBase {

    private static final String SECRET = "whsec_LP8Kj7r2Ossd7T4xtnA+IVmfIVI1zMPw";

    private Response deliver(String id, long timestamp, String body, String signature) {
        return ApiCalls.send("POST", baseUrl() + "/api/v1/webhooks/clerk", null, body,
                Map.of("svix-id", id, "svix-timestamp", Long.toString(timestamp), "svix-signature", signature));
    }

    private Response deliver(String id, String body) {
        return deliver(id, Instant.now().getEpochSecond(), body, sign(SECRET, id, Instant.now().getEpochSecond(), body));
    }

    private static String sign(String secret, String id, long timestamp, String body) {
        try {
            return new Webhook(secret).sign(id, timestamp, body);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newId() {
        return "msg_" + UUID.randomUUID();
    }

    private static String userEvent(String type, String clerkId, String email, String firstName, String metadata) {
        return """
                {"type":"%s","object":"event","data":{"id":"%s","object":"user","first_name":"%s","last_name":"Haddad",
                 "image_url":"https://img.clerk.com/%s.png","primary_email_address_id":"idn_2",
                 "email_addresses":[{"id":"idn_1","email_address":"old-%s"},{"id":"idn_2","email_address":"%s"}],
                 "primary_phone_number_id":"idn_p","phone_numbers":[{"id":"idn_p","phone_number":"+213555001122"}],
                 "public_metadata":%s,"created_at":1700000000000}}
                """.formatted(type, clerkId, firstName, clerkId, email, email, metadata);
    }

    private Response me(String clerkId) {
        return ApiCalls.get(baseUrl() + "/api/v1/auth/me", ClerkTokens.forSubject(clerkId));
    }

    private static String clerkId() {
        return "user_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void userCreatedUpsertsTheUserFromPrimaryEntries() {
        String clerkId = clerkId();
        Response response = deliver(newId(), userEvent("user.created", clerkId, "nadia@zst.test", "Nadia",
                "{\"role\":\"seller\",\"sellerCategory\":\"grossiste\"}"));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        Response me = me(clerkId);
        assertThat(me.body().path("email").asText()).isEqualTo("nadia@zst.test");
        assertThat(me.body().path("full_name").asText()).isEqualTo("Nadia Haddad");
        assertThat(me.body().path("avatar_url").asText()).isEqualTo("https://img.clerk.com/" + clerkId + ".png");
        assertThat(me.body().path("phone").asText()).isEqualTo("+213555001122");
        assertThat(me.body().path("role").asText()).isEqualTo("seller");
        assertThat(me.body().path("seller_category").asText()).isEqualTo("grossiste");

        assertThat(deliver(newId(), userEvent("user.updated", clerkId, "nadia.h@zst.test", "Nadia", "{}")).status())
                .isEqualTo(200);
        Response updated = me(clerkId);
        assertThat(updated.body().path("email").asText()).isEqualTo("nadia.h@zst.test");
        assertThat(updated.body().path("role").asText()).isEqualTo("seller");
    }

    @Test
    void redeliveryOfADeliveryIdChangesNothing() {
        String clerkId = clerkId();
        String id = newId();
        assertThat(deliver(id, userEvent("user.created", clerkId, "first@zst.test", "First", "{}")).status())
                .isEqualTo(200);
        assertThat(deliver(newId(), userEvent("user.updated", clerkId, "second@zst.test", "Second", "{}"))
                .status()).isEqualTo(200);
        Response again = deliver(id, userEvent("user.created", clerkId, "first@zst.test", "First", "{}"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("status").asText()).isEqualTo("duplicate");
        assertThat(me(clerkId).body().path("email").asText()).isEqualTo("second@zst.test");
    }

    @Test
    void badOrStaleSignatureIsRefusedAndChangesNothing() {
        String clerkId = clerkId();
        String body = userEvent("user.created", clerkId, "forged@zst.test", "Forged", "{\"role\":\"admin\"}");
        long now = Instant.now().getEpochSecond();
        String id = newId();
        Response otherSecret = deliver(id, now, body, sign("whsec_" + java.util.Base64.getEncoder()
                .encodeToString("another-secret-of-24-byte".getBytes()), id, now, body));
        assertThat(otherSecret.status()).isEqualTo(400);
        assertThat(otherSecret.body().path("statusCode").asInt()).isEqualTo(400);
        String signature = sign(SECRET, id, now, body);
        assertThat(deliver(id, now, body.replace("Forged", "Forgex"), signature).status()).isEqualTo(400);
        long stale = now - 3600;
        assertThat(deliver(id, stale, body, sign(SECRET, id, stale, body)).status()).isEqualTo(400);
        assertThat(ApiCalls.post(baseUrl() + "/api/v1/webhooks/clerk", null, body).status()).isEqualTo(400);

        Response me = me(clerkId);
        assertThat(me.body().path("role").asText()).isEqualTo("customer");
        assertThat(me.body().path("email").isNull()).isTrue();
    }

    @Test
    void userDeletedDeactivatesAndLocksTheUserOut() {
        String clerkId = clerkId();
        assertThat(deliver(newId(), userEvent("user.created", clerkId, "leaving@zst.test", "Leaving", "{}"))
                .status()).isEqualTo(200);
        assertThat(me(clerkId).status()).isEqualTo(200);
        Response deleted = deliver(newId(), """
                {"type":"user.deleted","object":"event","data":{"id":"%s","object":"user","deleted":true}}
                """.formatted(clerkId));
        assertThat(deleted.status()).isEqualTo(200);
        Response locked = me(clerkId);
        assertThat(locked.status()).isEqualTo(403);
        assertThat(locked.body().path("statusCode").asInt()).isEqualTo(403);
        assertThat(locked.body().path("message").asText()).startsWith("Forbidden");
        assertThat(ApiCalls.post(baseUrl() + "/api/v1/auth/sync-role", ClerkTokens.forSubject(clerkId),
                Map.of("role", "customer")).status()).isEqualTo(403);
    }

    @Test
    void unknownEventsAndUnknownUsersAreIgnored() {
        Response session = deliver(newId(), "{\"type\":\"session.created\",\"data\":{\"id\":\"sess_1\"}}");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.body().path("status").asText()).isEqualTo("ignored");
        Response deleted = deliver(newId(), "{\"type\":\"user.deleted\",\"data\":{\"id\":\"" + clerkId() + "\"}}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("status").asText()).isEqualTo("ignored");
    }

    @Test
    void signedButMalformedPayloadIsBadRequest() {
        assertThat(deliver(newId(), "{not json").status()).isEqualTo(400);
        assertThat(deliver(newId(), "{\"type\":\"user.created\",\"data\":{}}").status()).isEqualTo(400);
    }
}
