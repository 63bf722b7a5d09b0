package dz.zst.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rebuilding the notifications read model from the event store gives the same rows, ids included,
 * none twice, and keeps what users have read: read state is theirs, outside the rebuilt rows, and
 * the rebuilt notifications come back under the same ids.
 */
class NotificationReplayApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aReplayRebuildsTheSameNotificationsAndKeepsWhatWasRead() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Inbox inbox = new Inbox(baseUrl());
        String admin = TestUsers.admin(baseUrl());
        String importateur = TestUsers.seller(baseUrl(), "ntfrep-imp-" + run + "@zst.test", "importateur");
        String grossiste = TestUsers.seller(baseUrl(), "ntfrep-gro-" + run + "@zst.test", "grossiste");
        String fournisseur = TestUsers.seller(baseUrl(), "ntfrep-fou-" + run + "@zst.test", "fournisseur");
        String buyer = TestUsers.signIn(baseUrl(), "ntfrep-buyer-" + run + "@zst.test");

        String offer = inbox.offer(importateur, "Lot rejoué " + run, "negotiable", "grossiste", null);
        String negotiation = inbox.respond(grossiste, offer, "negotiation", 4_000, 5);
        String order = inbox.order(buyer, inbox.product(fournisseur, "Ambre " + run), 1).get("id").asText();
        inbox.move(fournisseur, order, "confirmed");
        JsonNode read = inbox.one(grossiste, "new_offer", "offer_id", offer);
        inbox.one(importateur, "negotiation_submitted", "response_id", negotiation);
        inbox.one(fournisseur, "new_order", "order_id", order);
        inbox.one(buyer, "order_confirmed", "order_id", order);
        assertThat(ApiCalls.post(baseUrl() + "/api/v1/notifications/" + read.get("id").asText() + "/read",
                grossiste, null).status()).isEqualTo(200);

        List<String> users = List.of(importateur, grossiste, fournisseur, buyer).stream()
                .map(token -> TestUsers.userId(baseUrl(), token)).toList();
        List<String> before = rows(users);
        assertThat(before).hasSize(4);
        List<List<JsonNode>> inboxes = List.of(importateur, grossiste, fournisseur, buyer).stream()
                .map(inbox::all).toList();

        Inbox.replayStarted(baseUrl(), admin, jdbc);
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "notifications", () -> rows(users), before, () -> { });

        assertThat(List.of(importateur, grossiste, fournisseur, buyer).stream().map(inbox::all).toList())
                .as("the same notifications, the read one still read").isEqualTo(inboxes);
        assertThat(jdbc.sql("SELECT count(*) - count(DISTINCT (event_id, type, user_id)) FROM notifications")
                .query(Long.class).single()).as("no fact notifies a user twice").isZero();
    }

    private List<String> rows(List<String> users) {
        return jdbc.sql("""
                        SELECT id, user_id, type, title, message, data::text, event_id, created_at, position
                        FROM notifications WHERE user_id::text = ANY(CAST(:users AS text[])) ORDER BY id
                        """)
                .param("users", users.toArray(new String[0]))
                .query((rs, row) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                        + rs.getString(4) + "|" + rs.getString(5) + "|" + rs.getString(6) + "|" + rs.getString(7)
                        + "|" + rs.getString(8) + "|" + rs.getString(9))
                .list();
    }
}
