package dz.zst.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ApiCalls;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class CorsAndInfoApiTest extends ApiTestBase {

    @Test
    void apiRootDescribesTheApiAndLinksItsDocs() {
        ApiCalls.Response response = ApiCalls.get(baseUrl() + "/api", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.get("name").asText()).isNotBlank();
        assertThat(body.get("version").asText()).isNotBlank();
        assertThat(body.get("docs").asText()).isEqualTo("/api/docs");
        assertThat(body.get("openapi").asText()).isEqualTo("/api/docs-json");
        assertThat(body.get("health").asText()).isEqualTo("/api/health");
    }

    @Test
    void healthReportsDatabaseAndRedisUp() {
        ApiCalls.Response response = ApiCalls.get(baseUrl() + "/api/health", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("timestamp").asText()).endsWith("Z");
        assertThat(body.get("uptime").asDouble()).isPositive();
        assertThat(body.get("memory").get("heap_used").asLong()).isPositive();
        assertThat(body.get("database").get("status").asText()).isEqualTo("up");
        assertThat(body.get("redis").get("status").asText()).isEqualTo("up");
    }

    @Test
    void preflightFromAnyOriginIsAllowedByDefault() {
        ApiCalls.Response response = ApiCalls.send(ApiCalls.request(baseUrl() + "/api/v1/products")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, idempotency-key, content-type")
                .build());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
        assertThat(response.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("idempotency-key");
    }

    @Test
    void crossOriginResponsesExposeRetryAfterAndRequestId() {
        ApiCalls.Response response = ApiCalls.send(ApiCalls.request(baseUrl() + "/api")
                .header("Origin", "https://shop.example").GET().build());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Expose-Headers")).contains("Retry-After").contains("X-Request-Id");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }
}
