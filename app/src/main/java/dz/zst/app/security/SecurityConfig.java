package dz.zst.app.security;

import dz.zst.app.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.util.AntPathMatcher;

/**
 * Who may call what (API.md §2): stateless bearer tokens, public routes readable by guests, admin
 * routes for admins, everything else for signed-in active users. A token, when sent, must verify,
 * even on a public route. 401 and 403 are written in the contract's error shape.
 */
@Configuration
public class SecurityConfig {

    private static final String[] PUBLIC_ANY_METHOD = {"/api/docs", "/api/docs/**", "/api/docs-json",
        "/api/docs-json/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
        "/api/swagger-ui/**", "/error",
        "/actuator/health", "/actuator/health/**", "/actuator/prometheus"};
    private static final String[] PUBLIC_GET = {"/api", "/api/health", "/media/**", "/api/v1/products/**",
        "/api/v1/geo/**", "/api/v1/guest/**", "/api/v1/reels/**",
        // a guest reads an order with its access token (X-Order-Token); signed-in callers are checked per order
        "/api/v1/orders/*", "/api/v1/orders/*/history",
        // an offer a caller may not see is 404 by id (API.md §3), a guest's alike
        "/api/v1/b2b/offers/*",
        "/api/v1/freelance/services/**"};
    private static final String[] PUBLIC_POST = {"/api/v1/orders", "/api/v1/reels/*/view", "/api/v1/webhooks/clerk",
        "/api/v1/dev-auth/register", "/api/v1/dev-auth/login"};
    private static final String ADMIN = "/api/v1/admin/**";
    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");

    /**
     * Whether a guest may call a route, by the rules of the chain below; the OpenAPI document takes
     * each operation's security and its 401 and 403 from here, so the two cannot drift apart.
     *
     * @param template the route as mapped, path variables in braces ({@code /api/v1/orders/{id}})
     */
    public static boolean isPublic(String method, String template) {
        String path = PATH_VARIABLE.matcher(template).replaceAll("x");
        return matches(PUBLIC_ANY_METHOD, path) || ("GET".equals(method) && matches(PUBLIC_GET, path))
                || ("POST".equals(method) && matches(PUBLIC_POST, path));
    }

    /** Whether a route is for admins only (see {@link #isPublic}). */
    public static boolean isAdminOnly(String template) {
        return PATHS.match(ADMIN, PATH_VARIABLE.matcher(template).replaceAll("x"));
    }

    private static boolean matches(String[] patterns, String path) {
        for (String pattern : patterns) {
            if (PATHS.match(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, BearerSignIn signIn,
                                           ProblemWriter problems, HandlerMappingIntrospector introspector,
                                           @Value("${zst.dev-auth.enabled:false}") boolean devAuth) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, failure) -> {
            if (failure instanceof DisabledException) {
                problems.write(response, HttpStatus.FORBIDDEN, "Forbidden: this account is deactivated");
            } else {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                problems.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized");
            }
        };
        AccessDeniedHandler denied = (request, response, failure) ->
                problems.write(response, HttpStatus.FORBIDDEN, "Forbidden resource");
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .cors(Customizer.withDefaults())
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(routes -> {
                    routes.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                            .requestMatchers(PUBLIC_ANY_METHOD).permitAll()
                            .requestMatchers(HttpMethod.GET, PUBLIC_GET).permitAll()
                            .requestMatchers(HttpMethod.POST, PUBLIC_POST).permitAll();
                    if (!devAuth) {
                        // Lets the missing routes answer 404 rather than 401.
                        routes.requestMatchers("/api/v1/dev-auth/**").permitAll();
                    }
                    routes.requestMatchers(ADMIN).hasRole("ADMIN")
                            .requestMatchers(new UnmappedRoute(introspector)).permitAll()
                            .anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(token -> new ActorAuthentication(signIn.actor(token), token)))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .build();
    }

    /** See {@link EncodedSlashFirewall}; Tomcat lets encoded slashes through to it ({@code TomcatErrorConfig}). */
    @Bean
    public WebSecurityCustomizer encodedSlashFirewall() {
        return web -> web.httpFirewall(new EncodedSlashFirewall());
    }
}
