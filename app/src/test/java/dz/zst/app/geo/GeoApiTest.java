package dz.zst.app.geo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** API.md §6 geography routes: public, cacheable for a day, 404 in the error shape for unknown codes. */
class GeoApiTest extends ApiTestBase {

    private String url(String path) {
        return baseUrl() + "/api/v1/geo" + path;
    }

    @Test
    void listsThe58WilayasWithoutAToken() {
        Response response = ApiCalls.get(url("/wilayas"), null);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("public").contains("max-age=86400");
        JsonNode wilayas = response.body();
        assertThat(wilayas).hasSize(58);
        assertThat(wilayas.get(0).get("code").asText()).isEqualTo("01");
        assertThat(wilayas.get(57).get("code").asText()).isEqualTo("58");
        JsonNode algiers = wilayas.get(15);
        assertThat(algiers.get("code").isTextual()).isTrue();
        assertThat(algiers.get("code").asText()).isEqualTo("16");
        assertThat(algiers.get("name_fr").asText()).isEqualTo("Alger");
        assertThat(algiers.get("name_ar").asText()).isEqualTo("الجزائر");
        assertThat(algiers.size()).isEqualTo(3);
    }

    @Test
    void listsTheCommunesOfAWilayaByCode() {
        Response response = ApiCalls.get(url("/wilayas/16/communes"), null);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("public").contains("max-age=86400");
        assertThat(response.body()).isNotEmpty();
        JsonNode commune = response.body().get(0);
        assertThat(commune.has("name")).isTrue();
        assertThat(commune.has("name_ar")).isTrue();
        assertThat(commune.has("daira")).isTrue();
        assertThat(commune.has("daira_ar")).isTrue();
        assertThat(commune.size()).isEqualTo(4);

        JsonNode adrar = ApiCalls.get(url("/wilayas/1/communes"), null).body();
        assertThat(adrar).isEqualTo(ApiCalls.get(url("/wilayas/01/communes"), null).body());
        String token = TestUsers.signIn(baseUrl(), "geo-" + UUID.randomUUID() + "@zst.test");
        assertThat(ApiCalls.get(url("/wilayas/01/communes"), token).body()).isEqualTo(adrar);
    }

    @Test
    void unknownWilayaIsNotFound() {
        for (String code : new String[] {"99", "0", "alger", "16x"}) {
            Response response = ApiCalls.get(url("/wilayas/" + code + "/communes"), null);
            assertThat(response.status()).as(code + ": " + response.raw()).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.body().get("statusCode").asInt()).isEqualTo(404);
            assertThat(response.body().get("message").asText()).isNotBlank();
            assertThat(response.header("Cache-Control")).doesNotContain("max-age=86400");
        }
    }

    @Test
    void routesAreDocumented() {
        JsonNode paths = ApiCalls.get(baseUrl() + "/api/docs-json", null).body().get("paths");
        assertThat(paths.get("/api/v1/geo/wilayas").get("get").get("tags").get(0).asText()).isEqualTo("Geography");
        assertThat(paths.get("/api/v1/geo/wilayas/{code}/communes").get("get").get("responses").has("404")).isTrue();
    }
}
