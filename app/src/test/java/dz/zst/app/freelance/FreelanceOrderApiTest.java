package dz.zst.app.freelance;

import static dz.zst.app.freelance.FreelanceKit.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Freelance orders (API.md §10): the tier snapshot, each move by its party, who sees an order, the lists. */
class FreelanceOrderApiTest extends ApiTestBase {

    @Test
    void anOrderKeepsItsTiersPriceAndDeliveryDaysWhateverTheServiceBecomes() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("snapshot");
        String client = kit.client("snapshot-client");
        JsonNode service = kit.createService(freelancer, FreelanceKit.service("Logo " + kit.run, "design", 5000));
        String serviceId = service.get("id").asText();

        Instant before = Instant.now();
        JsonNode order = kit.order(client, serviceId, "standard");
        assertThat(order.get("amount").decimalValue()).isEqualByComparingTo("10000");
        assertThat(order.get("pricing_tier").asText()).isEqualTo("standard");
        assertThat(order.get("status").asText()).isEqualTo("pending");
        assertThat(order.get("client_id").asText()).isEqualTo(TestUsers.userId(baseUrl(), client));
        assertThat(order.get("freelancer_id").asText()).isEqualTo(service.get("freelancer_id").asText());
        assertThat(order.get("requirements").asText()).isEqualTo("Un logo bleu");
        assertThat(order.get("service").toString()).isEqualTo("{\"id\":\"" + serviceId + "\",\"title\":\"Logo "
                + kit.run + "\",\"slug\":\"" + service.get("slug").asText() + "\"}");
        Instant due = Instant.parse(order.get("due_date").asText());
        assertThat(due).isBetween(before.plus(Duration.ofDays(5)), Instant.now().plus(Duration.ofDays(5)));
        assertThat(order.get("delivery_files")).isEmpty();
        assertThat(order.get("rating").isNull()).isTrue();

        expect(ApiCalls.patch(kit.url("/freelancer/services/" + serviceId), freelancer,
                Map.of("price_standard", 99999, "standard_delivery_days", 30, "title", "Autre")), 200);
        expect(ApiCalls.delete(kit.url("/freelancer/services/" + serviceId), freelancer), 200);
        JsonNode later = expect(ApiCalls.get(kit.url("/freelance/orders/" + order.get("id").asText()), client), 200)
                .body();
        assertThat(later).isEqualTo(order);
        expect(ApiCalls.post(kit.url("/freelance/orders"), client, Map.of("service_id", serviceId,
                "pricing_tier", "basic", "requirements", "x")), 404);
    }

    @Test
    void orderingIsRefusedForBadInputTheFreelancersOwnServiceAndATierNotSold() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("refusals");
        String client = kit.client("refusals-client");
        Map<String, Object> basicOnly = new java.util.LinkedHashMap<>(FreelanceKit.service("Seul", "writing", 100));
        basicOnly.keySet().removeIf(key -> key.contains("standard") || key.contains("premium"));
        String serviceId = kit.createService(freelancer, basicOnly).get("id").asText();
        expect(ApiCalls.post(kit.url("/freelance/orders"), client, Map.of("service_id", serviceId,
                "pricing_tier", "premium", "requirements", "x")), 400);
        expect(ApiCalls.post(kit.url("/freelance/orders"), freelancer, Map.of("service_id", serviceId,
                "pricing_tier", "basic", "requirements", "x")), 400);
        expect(ApiCalls.post(kit.url("/freelance/orders"), null, Map.of("service_id", serviceId,
                "pricing_tier", "basic", "requirements", "x")), 401);
        for (Map<String, Object> bad : new Map[]{Map.of("service_id", serviceId, "pricing_tier", "gold",
                "requirements", "x"), Map.of("service_id", "nope", "pricing_tier", "basic", "requirements", "x"),
                Map.of("pricing_tier", "basic", "requirements", "x"), Map.of("service_id", serviceId,
                "pricing_tier", "basic"), Map.of("service_id", serviceId, "pricing_tier", "basic",
                "requirements", "x".repeat(5001)), Map.of("service_id", serviceId, "pricing_tier", "basic",
                "requirements", "x", "price", 1)}) {
            ApiCalls.Response refused = ApiCalls.post(kit.url("/freelance/orders"), client, bad);
            assertThat(refused.status()).as(bad + " → " + refused.raw()).isEqualTo(400);
        }
        expect(ApiCalls.post(kit.url("/freelance/orders"), client, Map.of("service_id", UUID.randomUUID().toString(),
                "pricing_tier", "basic", "requirements", "x")), 404);
        assertThat(ApiCalls.get(kit.url("/freelance/orders/my-orders"), client).body().get("meta").get("total")
                .asInt()).isZero();
    }

    @Test
    void eachMoveIsItsPartysOnlyAndTheMachineRefusesTheRest() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("moves");
        String client = kit.client("moves-client");
        String stranger = kit.client("moves-stranger");
        String admin = TestUsers.admin(baseUrl());
        String serviceId = kit.createService(freelancer, FreelanceKit.service("Moves", "video", 700)).get("id")
                .asText();
        String orderId = kit.order(client, serviceId, "basic").get("id").asText();

        ApiCalls.Response illegal = expect(kit.freelancerMove(freelancer, orderId, "completed"), 400);
        assertThat(illegal.body().get("message").asText()).isEqualTo("Cannot transition from pending to completed");
        expect(kit.clientMove(client, orderId, "accepted"), 403);
        expect(kit.freelancerMove(client, orderId, "accepted"), 403);
        expect(kit.clientMove(freelancer, orderId, "cancelled"), 403);
        expect(kit.freelancerMove(stranger, orderId, "accepted"), 404);
        expect(kit.clientMove(stranger, orderId, "cancelled"), 404);
        expect(kit.freelancerMove(admin, orderId, "accepted"), 403);
        expect(kit.freelancerMove(freelancer, UUID.randomUUID().toString(), "accepted"), 404);
        expect(ApiCalls.patch(kit.url("/freelancer/orders/" + orderId + "/status"), freelancer,
                Map.of("status", "flying")), 400);
        expect(kit.deliver(freelancer, orderId, "trop tôt"), 400);

        JsonNode accepted = expect(ApiCalls.patch(kit.url("/freelancer/orders/" + orderId + "/status"), freelancer,
                Map.of("status", "accepted", "freelancer_notes", "Je commence demain")), 200).body();
        assertThat(accepted.get("status").asText()).isEqualTo("accepted");
        assertThat(accepted.get("freelancer_notes").asText()).isEqualTo("Je commence demain");
        expect(kit.clientMove(client, orderId, "cancelled"), 400);
        expect(kit.freelancerMove(freelancer, orderId, "in_progress"), 200);
        expect(kit.clientMove(client, orderId, "completed"), 400);
        expect(kit.freelancerMove(freelancer, orderId, "delivered"), 400);
        expect(kit.deliver(client, orderId, "pas moi"), 403);

        JsonNode delivered = expect(kit.deliver(freelancer, orderId, "Première version"), 200).body();
        assertThat(delivered.get("status").asText()).isEqualTo("delivered");
        assertThat(delivered.get("delivery_message").asText()).isEqualTo("Première version");
        assertThat(delivered.get("delivered_at").isNull()).isFalse();
        JsonNode file = delivered.get("delivery_files").get(0);
        assertThat(file.get("name").asText()).isEqualTo("maquette.pdf");
        assertThat(file.get("type").asText()).isEqualTo("application/pdf");
        assertThat(ApiCalls.sendBytes("GET", kit.local(file.get("url").asText()), null, null, Map.of()).body())
                .isEqualTo("%PDF-1.4 maquette".getBytes());

        expect(kit.freelancerMove(freelancer, orderId, "completed"), 403);
        JsonNode revision = expect(ApiCalls.patch(kit.url("/freelance/orders/" + orderId + "/status"), client,
                Map.of("status", "revision_requested", "reason", "Plus de bleu")), 200).body();
        assertThat(revision.get("revision_reason").asText()).isEqualTo("Plus de bleu");
        expect(ApiCalls.patch(kit.url("/freelance/orders/" + orderId + "/status"), client,
                Map.of("status", "revision_requested", "reason", "x".repeat(1001))), 400);
        expect(kit.deliver(freelancer, orderId, "Deuxième version"), 200);
        JsonNode completed = expect(kit.clientMove(client, orderId, "completed"), 200).body();
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.get("completed_at").isNull()).isFalse();
        expect(kit.clientMove(client, orderId, "cancelled"), 400);
        expect(kit.freelancerMove(freelancer, orderId, "cancelled"), 400);

        String cancelled = kit.order(client, serviceId, "premium").get("id").asText();
        JsonNode byClient = expect(ApiCalls.patch(kit.url("/freelance/orders/" + cancelled + "/status"), client,
                Map.of("status", "cancelled", "reason", "Plus besoin")), 200).body();
        assertThat(byClient.get("cancellation_reason").asText()).isEqualTo("Plus besoin");
        String declined = kit.order(client, serviceId, "basic").get("id").asText();
        expect(kit.freelancerMove(freelancer, declined, "cancelled"), 200);
    }

    @Test
    void onlyThePartiesAndAdminsSeeAnOrderAndEachListsItsOwn() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("lists");
        String client = kit.client("lists-client");
        String stranger = kit.client("lists-stranger");
        String serviceId = kit.createService(freelancer, FreelanceKit.service("Listes", "marketing", 300)).get("id")
                .asText();
        String first = kit.order(client, serviceId, "basic").get("id").asText();
        String second = kit.order(client, serviceId, "standard").get("id").asText();
        expect(kit.freelancerMove(freelancer, second, "accepted"), 200);

        expect(ApiCalls.get(kit.url("/freelance/orders/" + first), freelancer), 200);
        expect(ApiCalls.get(kit.url("/freelance/orders/" + first), TestUsers.admin(baseUrl())), 200);
        expect(ApiCalls.get(kit.url("/freelance/orders/" + first), stranger), 404);
        expect(ApiCalls.get(kit.url("/freelance/orders/" + first), null), 401);
        expect(ApiCalls.get(kit.url("/freelance/orders/not-a-uuid"), client), 404);

        JsonNode mine = expect(ApiCalls.get(kit.url("/freelance/orders/my-orders"), client), 200).body();
        assertThat(mine.get("meta").get("total").asInt()).isEqualTo(2);
        assertThat(mine.get("data").get(0).get("id").asText()).isEqualTo(second);
        JsonNode pending = ApiCalls.get(kit.url("/freelance/orders/my-orders?status=pending"), client).body();
        assertThat(pending.get("data")).hasSize(1);
        assertThat(pending.get("data").get(0).get("id").asText()).isEqualTo(first);
        JsonNode theirs = expect(ApiCalls.get(kit.url("/freelancer/orders?status=accepted"), freelancer), 200).body();
        assertThat(theirs.get("data")).hasSize(1);
        assertThat(theirs.get("data").get(0).get("id").asText()).isEqualTo(second);
        assertThat(ApiCalls.get(kit.url("/freelancer/orders?limit=1&page=2"), freelancer).body().get("meta")
                .toString()).isEqualTo("{\"page\":2,\"limit\":1,\"total\":2,\"totalPages\":2}");
        assertThat(ApiCalls.get(kit.url("/freelance/orders/my-orders"), stranger).body().get("data")).isEmpty();
        expect(ApiCalls.get(kit.url("/freelancer/orders"), client), 403);
        expect(ApiCalls.get(kit.url("/freelancer/orders?status=lost"), freelancer), 400);
        expect(ApiCalls.get(kit.url("/freelance/orders/my-orders?limit=500"), client), 400);
    }
}
