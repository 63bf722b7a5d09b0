package dz.zst.command.storage;

import java.time.Duration;
import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web side of local storage: {@code GET /media/**} serves the media folder (with range requests
 * for video seeking, ETags and traversal protection from Spring's resource handler), and both it
 * and {@code PUT /media-upload/**} are public: reading needs nothing, uploading needs the URL's
 * own signature instead of a bearer token.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(StorageConfiguration.UsesLocalFiles.class)
public class LocalMediaWeb implements WebMvcConfigurer {

    /** Keys are never reused (they carry a timestamp), so a copy can be cached for long. */
    private static final Duration CACHE_FOR = Duration.ofDays(7);

    private final LocalFileStorage storage;

    public LocalMediaWeb(LocalFileStorage storage) {
        this.storage = storage;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(LocalFileStorage.MEDIA_PATH + "**")
                .addResourceLocations(storage.root().toUri().toString())
                .setCacheControl(CacheControl.maxAge(CACHE_FOR).cachePublic())
                .resourceChain(false);
    }

    /**
     * The servlet container names the content type of a served file by its extension; every
     * extension our keys use is mapped to the type it was stored as.
     */
    @Bean
    public WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> mediaMimeMappings() {
        return factory -> {
            MimeMappings mappings = new MimeMappings();
            for (MediaFormat format : MediaFormat.values()) {
                mappings.add(format.extension(), format.contentType());
            }
            factory.addMimeMappings(mappings);
        };
    }

    /**
     * Runs before the API's own chain and only for the media paths, with the same CORS rules. The
     * sandbox policy keeps any file that a browser opens directly from running script on the API's
     * origin.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public SecurityFilterChain localMediaSecurity(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(LocalFileStorage.MEDIA_PATH + "**", LocalFileStorage.UPLOAD_PATH + "**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .cors(Customizer.withDefaults())
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; sandbox"))
                        .cacheControl(HeadersConfigurer.CacheControlConfig::disable))
                .build();
    }
}
