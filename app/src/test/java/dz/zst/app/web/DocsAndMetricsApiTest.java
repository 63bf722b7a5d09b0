package dz.zst.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.ops.LedgerTestProjection;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.TestWidgetController;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DocsAndMetricsApiTest extends ApiTestBase {

    @Autowired
    private EventGateway events;

    @Test
    void openApiDocumentHasBearerAuthEverywhereAndTheCommonErrors() {
        ApiCalls.Response response = ApiCalls.get(baseUrl() + "/api/docs-json", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode doc = response.body();

        assertThat(doc.at("/info/title").asText()).isNotBlank();
        assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/bearerAuth/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(doc.at("/security/0").has("bearerAuth")).isTrue();
        assertThat(doc.at("/components/schemas/ApiError/properties").has("statusCode")).isTrue();
        assertThat(doc.at("/paths").has("/api/health")).isTrue();
        assertThat(doc.at("/paths").has("/error")).isFalse();

        JsonNode responses = doc.at("/paths/~1api~1v1~1admin~1projections/get/responses");
        for (String status : new String[] {"401", "403", "429"}) {
            assertThat(responses.at("/" + status + "/content/application~1problem+json/schema/$ref").asText())
                    .as(status).isEqualTo("#/components/schemas/ApiError");
        }
        assertThat(responses.at("/429/headers").has("Retry-After")).isTrue();
        assertThat(fieldNames(responses)).as("no input, no lookup, no write").doesNotContain("400", "404", "409", "413");
        assertThat(doc.at("/paths/~1api~1v1~1admin~1projections/get/parameters").findValuesAsText("name"))
                .as("the principal is not a request parameter").doesNotContain("actor");
        assertThat(doc.at("/paths/~1api~1v1~1admin~1projections~1{name}~1replay/post/parameters")
                .findValuesAsText("name")).contains("name", IdempotencyFilter.HEADER);

        for (String path : new String[] {"/api/v1/orders", "/api/v1/orders/{id}", "/api/v1/orders/{id}/history",
            "/api/v1/orders/{id}/cancel", "/api/v1/seller/orders", "/api/v1/seller/orders/{id}/status",
            "/api/v1/guest/orders/track", "/api/v1/cart", "/api/v1/cart/count", "/api/v1/cart/items",
            "/api/v1/cart/items/{id}", "/api/v1/geo/wilayas", "/api/v1/geo/wilayas/{code}/communes",
            "/api/v1/reels", "/api/v1/reels/{id}", "/api/v1/reels/{id}/like", "/api/v1/reels/{id}/likes",
            "/api/v1/reels/{id}/comments", "/api/v1/reels/comments/{commentId}", "/api/v1/reels/{id}/view",
            "/api/v1/storage/reels/{productId}/video"}) {
            assertThat(doc.at("/paths").has(path)).as(path).isTrue();
        }
        assertThat(doc.at("/paths/~1api~1v1~1orders/post/parameters").findValuesAsText("name"))
                .containsOnlyOnce(IdempotencyFilter.HEADER);
        assertThat(doc.at("/paths/~1api~1v1~1orders~1{id}/get/parameters").findValuesAsText("name"))
                .contains("X-Order-Token", "as_of");
    }

    @Test
    void everyOperationIsNamedAndSecuredBySchemesTheDocumentDefines() {
        JsonNode doc = ApiCalls.get(baseUrl() + "/api/docs-json", null).body();
        Set<String> schemes = Set.copyOf(fieldNames(doc.at("/components/securitySchemes")));
        Set<String> tags = new TreeSet<>();
        forEachOperation(doc, (route, operation) -> {
            assertThat(operation.path("summary").asText()).as(route + " summary").isNotBlank();
            operation.path("tags").forEach(tag -> tags.add(tag.asText()));
            for (JsonNode requirement : operation.path("security")) {
                assertThat(schemes).as(route + " security").containsAll(fieldNames(requirement));
            }
        });
        for (JsonNode requirement : doc.path("security")) {
            assertThat(schemes).containsAll(fieldNames(requirement));
        }
        assertThat(tags).as("springdoc's names for untagged controllers").noneMatch(tag -> tag.endsWith("-controller"));
    }

    @Test
    void eachRouteDocumentsTheErrorsItCanGive() {
        JsonNode paths = ApiCalls.get(baseUrl() + "/api/docs-json", null).body().path("paths");

        JsonNode health = paths.at("/~1api~1health/get");
        assertThat(health.path("security").isArray() && health.path("security").isEmpty()).as("no token").isTrue();
        assertThat(fieldNames(health.path("responses"))).containsExactlyInAnyOrder("200", "503");

        // Public and reading no caller: no 401/403; a guest route that reads the caller may refuse a bad token.
        JsonNode login = paths.at("/~1api~1v1~1dev-auth~1login/post/responses");
        assertThat(fieldNames(login)).contains("400", "409", "413", "429").doesNotContain("401", "403", "404");
        JsonNode wilayas = paths.at("/~1api~1v1~1geo~1wilayas/get/responses");
        assertThat(fieldNames(wilayas)).containsExactlyInAnyOrder("200", "429");
        JsonNode feed = paths.at("/~1api~1v1~1reels/get");
        assertThat(feed.path("security").toString()).isEqualTo("[{},{\"bearerAuth\":[]}]");
        assertThat(fieldNames(feed.path("responses"))).contains("400", "401", "403", "429").doesNotContain("404", "409", "413");
        JsonNode track = paths.at("/~1api~1v1~1guest~1orders~1track/get/responses");
        assertThat(fieldNames(track)).contains("400", "404", "429").doesNotContain("401", "403", "409");
        assertThat(track.at("/404/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ApiError");

        // Signed in: no operation-level security, so the document's bearerAuth applies.
        JsonNode cart = paths.at("/~1api~1v1~1cart/get");
        assertThat(cart.has("security")).isFalse();
        assertThat(fieldNames(cart.path("responses"))).containsExactlyInAnyOrder("200", "401", "403", "429");
        JsonNode changeItem = paths.at("/~1api~1v1~1cart~1items~1{id}/patch/responses");
        assertThat(fieldNames(changeItem)).contains("200", "400", "401", "403", "404", "409", "413", "429");
        assertThat(fieldNames(paths.at("/~1api~1v1~1reels~1{id}~1like/delete/responses")))
                .contains("400", "404", "409").doesNotContain("413");
    }

    @Test
    void theDocumentIsAlsoAtTheDefaultPath() {
        ApiCalls.Response canonical = ApiCalls.get(baseUrl() + "/api/docs-json", null);
        ApiCalls.Response alias = ApiCalls.get(baseUrl() + "/v3/api-docs", null);
        assertThat(alias.status()).isEqualTo(200);
        assertThat(alias.body()).isEqualTo(canonical.body());
    }

    @Test
    void theApiGuideNamesEveryDocumentedRoute() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "API.md"));
        JsonNode paths = ApiCalls.get(baseUrl() + "/api/docs-json", null).body().path("paths");
        List<String> missing = new ArrayList<>();
        for (String path : fieldNames(paths)) {
            if (!path.startsWith(TestWidgetController.PATH) && !guide.contains(path)) {
                missing.add(path);
            }
        }
        assertThat(missing).as("routes docs/API.md does not mention").isEmpty();
    }

    @Test
    void swaggerUiIsServedUnderApiDocs() {
        ApiCalls.Response entry = ApiCalls.get(baseUrl() + "/api/docs", null);
        String location = entry.header("Location");
        ApiCalls.Response ui = entry.status() == 302 ? ApiCalls.get(location.startsWith("http") ? location : baseUrl() + location, null) : entry;
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw()).containsIgnoringCase("swagger");
    }

    @Test
    void prometheusScrapeHasHttpJvmAndAxonMetrics() throws InterruptedException {
        // Axon registers its meters on first use: send a command (a first sign-in registers the user)
        // and publish an event first. The test widget route needs a token, so it sent none.
        dz.zst.app.support.TestUsers.signIn(baseUrl(), "metrics-" + UUID.randomUUID() + "@zst.test");
        events.publish(new LedgerTestProjection.LedgerEntryRecorded("metrics-" + UUID.randomUUID(), 1));
        String body = "";
        for (int i = 0; i < 50 && !(body.contains("eventProcessor_") && body.contains("commandBus_")); i++) {
            Thread.sleep(100);
            ApiCalls.Response scrape = ApiCalls.get(managementUrl() + "/actuator/prometheus", null);
            assertThat(scrape.status()).isEqualTo(200);
            body = scrape.raw();
        }
        assertThat(body).contains("http_server_requests_seconds_count").contains("jvm_memory_used_bytes")
                .contains("commandBus_").contains("eventProcessor_latency").contains(LedgerTestProjection.GROUP);
        // Per-message timers on the query bus (and on events a processor ignores) are left out on
        // purpose (AxonMetricsConfig): they cost 12 % of the CPU of a viral reel's likes.
        assertThat(body).doesNotContain("queryBus_").doesNotContain("eventProcessor_timer");
    }

    @Test
    void actuatorIsOnlyOnTheManagementPort() {
        // @SpringBootTest's random port replaces the configured one only when it is set apart from the API's.
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/metrics", "/actuator"}) {
            assertThat(ApiCalls.get(baseUrl() + path, null).status()).as(path).isEqualTo(404);
        }
        assertThat(ApiCalls.get(managementUrl() + "/actuator/health", null).status()).isEqualTo(200);
        assertThat(ApiCalls.get(managementUrl() + "/api/health", null).status()).as("no API there").isEqualTo(404);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void forEachOperation(JsonNode doc, BiConsumer<String, JsonNode> action) {
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                action.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue())));
    }
}
