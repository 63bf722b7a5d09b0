package dz.zst.app.config;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * CORS from FRONTEND_URL (API.md §12), picked up by Spring Security's {@code .cors(withDefaults())}.
 * Clients authenticate with a bearer header, not cookies, so the wildcard default does not allow
 * credentials; a configured list of origins does.
 */
@Configuration
public class CorsConfig {

    @Bean
    public CorsConfigurationSource corsConfigurationSource(@Value("${zst.frontend-url:*}") String frontendUrl) {
        List<String> origins = Arrays.stream(frontendUrl.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        CorsConfiguration cors = new CorsConfiguration();
        boolean anyOrigin = origins.isEmpty() || origins.contains("*");
        cors.setAllowedOriginPatterns(anyOrigin ? List.of("*") : origins);
        cors.setAllowCredentials(!anyOrigin);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(List.of("Retry-After", "X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                "Idempotent-Replayed", "Location"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
