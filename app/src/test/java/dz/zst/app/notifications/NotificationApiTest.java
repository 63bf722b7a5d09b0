package dz.zst.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The notifications routes of API.md §10: a user lists, counts and marks read only its own; another
 * user's notification is 404 like one that does not exist, a malformed id or paging value 400, no
 * token 401.
 */
class NotificationApiTest extends ApiTestBase {

    private String url(String path) {
        return baseUrl() + "/api/v1/notifications" + path;
    }

    @Test
    void aUserListsCountsAndMarksReadItsOwnNotifications() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Inbox inbox = new Inbox(baseUrl());
        String importateur = TestUsers.seller(baseUrl(), "ntfapi-imp-" + run + "@zst.test", "importateur");
        String grossiste = TestUsers.seller(baseUrl(), "ntfapi-gro-" + run + "@zst.test", "grossiste");
        String other = TestUsers.seller(baseUrl(), "ntfapi-gro2-" + run + "@zst.test", "grossiste");
        List<String> offers = List.of(
                inbox.offer(importateur, "Lot A " + run, "negotiable", "grossiste", null),
                inbox.offer(importateur, "Lot B " + run, "negotiable", "grossiste", null),
                inbox.offer(importateur, "Lot C " + run, "negotiable", "grossiste", null));
        JsonNode newest = inbox.one(grossiste, "new_offer", "offer_id", offers.get(2));
        offers.forEach(offer -> inbox.one(grossiste, "new_offer", "offer_id", offer));

        Response page = ApiCalls.get(url("?page=1&limit=2"), grossiste);
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        assertThat(page.body().get("meta").toString())
                .isEqualTo("{\"page\":1,\"limit\":2,\"total\":3,\"totalPages\":2}");
        assertThat(page.body().get("data").get(0)).isEqualTo(newest);
        assertThat(newest.get("type").asText()).isEqualTo("new_offer");
        assertThat(newest.get("data").get("offer_id").asText()).isEqualTo(offers.get(2));
        assertThat(newest.fieldNames()).toIterable().containsExactly("id", "type", "title", "message", "data", "read",
                "read_at", "created_at");
        assertThat(count(grossiste)).isEqualTo(3);

        Response read = ApiCalls.post(url("/" + newest.get("id").asText() + "/read"), grossiste, null);
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.body().get("id")).isEqualTo(newest.get("id"));
        assertThat(read.body().get("read").asBoolean()).isTrue();
        String readAt = read.body().get("read_at").asText();
        assertThat(readAt).isNotBlank();
        Response again = ApiCalls.post(url("/" + newest.get("id").asText() + "/read"), grossiste, null);
        assertThat(again.body().get("read_at").asText()).as("the first reading counts").isEqualTo(readAt);
        assertThat(count(grossiste)).isEqualTo(2);
        JsonNode unread = ApiCalls.get(url("?unread_only=true"), grossiste).body();
        assertThat(unread.get("meta").get("total").asInt()).isEqualTo(2);
        assertThat(unread.get("data")).noneMatch(n -> n.get("read").asBoolean());
        assertThat(ApiCalls.get(url(""), grossiste).body().get("data").get(0).get("read").asBoolean()).isTrue();

        // Another user's notification: as if it did not exist, and left unread for its owner.
        String othersId = inbox.one(other, "new_offer", "offer_id", offers.get(0)).get("id").asText();
        assertError(ApiCalls.post(url("/" + othersId + "/read"), grossiste, null), 404);
        assertError(ApiCalls.post(url("/" + UUID.randomUUID() + "/read"), grossiste, null), 404);
        assertThat(count(other)).isEqualTo(3);

        Response all = ApiCalls.post(url("/read-all"), grossiste, null);
        assertThat(all.status()).as(all.raw()).isEqualTo(200);
        assertThat(all.body().get("count").asInt()).isEqualTo(2);
        assertThat(count(grossiste)).isZero();
        assertThat(ApiCalls.get(url("?unread_only=true"), grossiste).body().get("data")).isEmpty();
        assertThat(ApiCalls.post(url("/read-all"), grossiste, null).body().get("count").asInt()).isZero();
        assertThat(count(other)).as("read-all marks only the caller's").isEqualTo(3);
    }

    @Test
    void badInputIs400AndNoTokenIs401() {
        String user = TestUsers.signIn(baseUrl(), "ntfapi-bad-" + UUID.randomUUID() + "@zst.test");
        assertThat(ApiCalls.get(url(""), user).body().get("data")).isEmpty();
        assertThat(count(user)).isZero();
        assertError(ApiCalls.post(url("/not-a-uuid/read"), user, null), 400);
        assertError(ApiCalls.post(url("/" + UUID.randomUUID().toString().toUpperCase() + "x/read"), user, null), 400);
        assertError(ApiCalls.get(url("?limit=101"), user), 400);
        assertError(ApiCalls.get(url("?page=0"), user), 400);
        assertError(ApiCalls.get(url("?unread_only=maybe"), user), 400);
        assertError(ApiCalls.get(url(""), null), 401);
        assertError(ApiCalls.get(url("/unread-count"), null), 401);
        assertError(ApiCalls.post(url("/" + UUID.randomUUID() + "/read"), null, null), 401);
        assertError(ApiCalls.post(url("/read-all"), null, null), 401);
    }

    private long count(String token) {
        Response count = ApiCalls.get(url("/unread-count"), token);
        assertThat(count.status()).as(count.raw()).isEqualTo(200);
        assertThat(count.body().fieldNames()).toIterable().containsExactly("count");
        return count.body().get("count").asLong();
    }

    private static void assertError(Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
