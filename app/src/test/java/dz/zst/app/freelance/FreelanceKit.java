package dz.zst.app.freelance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.TestUsers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Freelancers, services and orders for the freelance API tests, through the routes the app calls. */
public final class FreelanceKit {

    private final String baseUrl;
    public final String run = UUID.randomUUID().toString().substring(0, 8);

    public FreelanceKit(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String freelancer(String name) {
        return TestUsers.freelancer(baseUrl, name + "-" + run + "@zst.test");
    }

    public String client(String name) {
        return TestUsers.signIn(baseUrl, name + "-" + run + "@zst.test");
    }

    public String url(String path) {
        return baseUrl + "/api/v1" + path;
    }

    /** One of our media URLs on the test server: the configured public address has no real port in tests. */
    String local(String absoluteUrl) {
        java.net.URI uri = java.net.URI.create(absoluteUrl);
        return baseUrl + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** A service body with the three tiers. */
    public static Map<String, Object> service(String title, String category, int basicPrice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", "Un service de qualité");
        body.put("category", category);
        body.put("tags", java.util.List.of("logo", "branding"));
        body.put("price_basic", basicPrice);
        body.put("basic_description", "Un logo");
        body.put("basic_delivery_days", 3);
        body.put("price_standard", basicPrice * 2);
        body.put("standard_description", "Logo et charte");
        body.put("standard_delivery_days", 5);
        body.put("price_premium", basicPrice * 4);
        body.put("premium_description", "Identité complète");
        body.put("premium_delivery_days", 10);
        return body;
    }

    public JsonNode createService(String freelancer, Map<String, Object> body) {
        ApiCalls.Response created = ApiCalls.post(url("/freelancer/services"), freelancer, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body();
    }

    public JsonNode order(String client, String serviceId, String tier) {
        ApiCalls.Response placed = ApiCalls.post(url("/freelance/orders"), client,
                Map.of("service_id", serviceId, "pricing_tier", tier, "requirements", "Un logo bleu"));
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        return placed.body();
    }

    public ApiCalls.Response freelancerMove(String freelancer, String orderId, String status) {
        return ApiCalls.patch(url("/freelancer/orders/" + orderId + "/status"), freelancer, Map.of("status", status));
    }

    public ApiCalls.Response clientMove(String client, String orderId, String status) {
        return ApiCalls.patch(url("/freelance/orders/" + orderId + "/status"), client, Map.of("status", status));
    }

    public ApiCalls.Response deliver(String freelancer, String orderId, String message) {
        return ApiCalls.multipart(url("/freelancer/orders/" + orderId + "/deliver"), freelancer,
                new ApiCalls.Part("files", "maquette.pdf", "application/pdf", "%PDF-1.4 maquette".getBytes()),
                new ApiCalls.Part("message", null, null, message.getBytes()));
    }

    /** An order taken to completed: accepted, in progress, delivered, completed. */
    public JsonNode completed(String freelancer, String client, String serviceId) {
        String orderId = order(client, serviceId, "basic").get("id").asText();
        expect(freelancerMove(freelancer, orderId, "accepted"), 200);
        expect(freelancerMove(freelancer, orderId, "in_progress"), 200);
        expect(deliver(freelancer, orderId, "Voici le travail"), 200);
        return expect(clientMove(client, orderId, "completed"), 200).body();
    }

    public static ApiCalls.Response expect(ApiCalls.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        return response;
    }
}
