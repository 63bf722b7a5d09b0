package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;

class CorsConfigTest {

    private static CorsConfiguration configFor(String frontendUrl) {
        return new CorsConfig().corsConfigurationSource(frontendUrl)
                .getCorsConfiguration(new MockHttpServletRequest("GET", "/api/v1/products"));
    }

    @Test
    void aListOfFrontendUrlsAllowsExactlyThoseOriginsWithCredentials() {
        CorsConfiguration cors = configFor("https://zst.dz, https://admin.zst.dz");

        assertThat(cors.checkOrigin("https://zst.dz")).isEqualTo("https://zst.dz");
        assertThat(cors.checkOrigin("https://admin.zst.dz")).isEqualTo("https://admin.zst.dz");
        assertThat(cors.checkOrigin("https://evil.example")).isNull();
        assertThat(cors.getAllowCredentials()).isTrue();
        assertThat(cors.getExposedHeaders()).contains("Retry-After", "X-Request-Id");
    }

    @Test
    void theWildcardDefaultAllowsAnyOriginButNoCredentials() {
        CorsConfiguration cors = configFor("*");

        assertThat(cors.checkOrigin("https://anything.example")).isEqualTo("https://anything.example");
        assertThat(cors.getAllowCredentials()).isFalse();
    }
}
