package dz.zst.app.freelance;

import static dz.zst.app.freelance.FreelanceKit.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reviews (API.md §10): once, by the client, after completed; the service's mean and count at once. */
class FreelanceReviewApiTest extends ApiTestBase {

    @Test
    void theClientReviewsACompletedOrderOnceAndTheServicesMeanIsReadableAtOnce() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("reviews");
        String client = kit.client("reviews-client");
        String other = kit.client("reviews-other");
        String serviceId = kit.createService(freelancer, FreelanceKit.service("Avis", "photography", 400)).get("id")
                .asText();

        String pending = kit.order(client, serviceId, "basic").get("id").asText();
        ApiCalls.Response early = expect(ApiCalls.post(kit.url("/freelance/orders/" + pending + "/review"), client,
                Map.of("rating", 5)), 400);
        assertThat(early.body().get("message").asText()).contains("completed");

        String first = kit.completed(freelancer, client, serviceId).get("id").asText();
        String review = kit.url("/freelance/orders/" + first + "/review");
        expect(ApiCalls.post(review, freelancer, Map.of("rating", 5)), 403);
        expect(ApiCalls.post(review, other, Map.of("rating", 5)), 404);
        for (Map<String, Object> bad : new Map[]{Map.of("rating", 0), Map.of("rating", 6), Map.of("rating", 4.5),
                Map.of("review", "sans note"), Map.of("rating", 4, "review", "x".repeat(1001))}) {
            ApiCalls.Response refused = ApiCalls.post(review, client, bad);
            assertThat(refused.status()).as(bad + " → " + refused.raw()).isEqualTo(400);
        }
        JsonNode reviewed = expect(ApiCalls.post(review, client, Map.of("rating", 5, "review", "Parfait")), 201)
                .body();
        assertThat(reviewed.get("rating").asInt()).isEqualTo(5);
        assertThat(reviewed.get("review").asText()).isEqualTo("Parfait");
        JsonNode service = ApiCalls.get(kit.url("/freelance/services/" + serviceId), null).body();
        assertThat(service.get("rating").decimalValue()).isEqualByComparingTo("5");
        assertThat(service.get("reviews_count").asInt()).isEqualTo(1);
        expect(ApiCalls.post(review, client, Map.of("rating", 1)), 409);

        String second = kit.completed(freelancer, client, serviceId).get("id").asText();
        expect(ApiCalls.post(kit.url("/freelance/orders/" + second + "/review"), client, Map.of("rating", 4)), 201);
        String third = kit.completed(freelancer, client, serviceId).get("id").asText();
        expect(ApiCalls.post(kit.url("/freelance/orders/" + third + "/review"), client, Map.of("rating", 4)), 201);
        service = ApiCalls.get(kit.url("/freelance/services/" + serviceId), null).body();
        assertThat(service.get("rating").decimalValue()).as("(5 + 4 + 4) / 3").isEqualByComparingTo("4.33");
        assertThat(service.get("reviews_count").asInt()).isEqualTo(3);
        assertThat(service.get("orders_count").asInt()).isEqualTo(4);

        JsonNode reviews = expect(ApiCalls.get(kit.url("/freelance/services/" + serviceId + "/reviews"), null), 200)
                .body();
        assertThat(reviews.get("meta").get("total").asInt()).isEqualTo(3);
        JsonNode oldest = reviews.get("data").get(2);
        assertThat(oldest.get("order_id").asText()).isEqualTo(first);
        assertThat(oldest.get("rating").asInt()).isEqualTo(5);
        assertThat(oldest.get("review").asText()).isEqualTo("Parfait");
        assertThat(oldest.get("client").get("id").asText()).isEqualTo(reviewed.get("client_id").asText());
        assertThat(oldest.get("client").has("email")).isFalse();
        expect(ApiCalls.get(kit.url("/freelance/services/" + java.util.UUID.randomUUID() + "/reviews"), null), 404);
    }
}
