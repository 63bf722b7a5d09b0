package dz.zst.app.config;

import dz.zst.app.security.SecurityConfig;
import dz.zst.app.web.ApiError;
import dz.zst.app.web.IdempotencyFilter;
import dz.zst.app.web.ProblemWriter;
import dz.zst.app.web.RateLimitFilter;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document (API.md §1). Each operation documents the errors it can really answer, in
 * the contract's error shape, derived from what the route is: its security from SecurityConfig's
 * rules (none, optional for guest routes that read the caller, or a bearer token), 400 where it
 * takes input, 404 where it looks something up by its path, 409 on writes, 413 where it takes a
 * body, 429 where the rate limit counts it. A controller declares any other with @ApiResponse.
 */
@Configuration
public class OpenApiConfig {

    public static final String BEARER_AUTH = "bearerAuth";
    private static final String ERROR_SCHEMA = "ApiError";
    private static final Set<PathItem.HttpMethod> WRITES = EnumSet.of(PathItem.HttpMethod.POST,
            PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    /** Who may call a route. */
    enum Access {
        /** Anyone; a token is not read (one sent must still verify). */
        NONE,
        /** Guests, and signed-in callers, whom the route reads (is_liked, their own orders). */
        OPTIONAL,
        SIGNED_IN,
        ADMIN
    }

    @Bean
    public OpenAPI zstOpenApi(@Value("${zst.api-name:ZST marketplace API}") String name,
                              @Value("${zst.api-version:1.0.0}") String version) {
        return new OpenAPI()
                .info(new Info().title(name).version(version).description(
                        "REST API of the ZST marketplace: catalog, cart, orders, reels and storage. The guide"
                                + " for the app's developers is docs/API.md in the repository. Authenticate with"
                                + " `Authorization: Bearer <token>`; errors use application/problem+json with the"
                                + " fields of the ApiError schema. Live updates: Socket.IO v4, namespace `/realtime`,"
                                + " path `/socket.io`, on port REALTIME_PORT (3001 by default; `GET /api` tells this"
                                + " node's), token in `auth.token`."))
                .components(new Components().addSecuritySchemes(BEARER_AUTH, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_AUTH));
    }

    /**
     * API.md §1 and Swagger tooling look for the document at springdoc's default path, /v3/api-docs;
     * the platform's is /api/docs-json: the same document is served at both.
     */
    @Bean
    public WebMvcConfigurer defaultApiDocsPath(@Value("${springdoc.api-docs.path}") String apiDocsPath) {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addViewController("/v3/api-docs").setViewName("forward:" + apiDocsPath);
            }
        };
    }

    @Bean
    public OpenApiCustomizer routeErrorResponses(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            @SuppressWarnings("rawtypes")
            Map<String, Schema> schemas = ModelConverters.getInstance().readAll(ApiError.class);
            schemas.forEach(components::addSchemas);
            if (openApi.getPaths() == null) {
                return;
            }
            Map<String, HandlerMethod> handlers = handlersByRoute(mappings);
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                HandlerMethod handler = handlers.get(method.name() + " " + path);
                describe(path, method, operation, access(method.name(), path, handler));
                if (method == PathItem.HttpMethod.POST) {
                    operation.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER)
                            .required(false).schema(new StringSchema().maxLength(255))
                            .description("Repeat the same key within 24 h to get the first response again"
                                    + " instead of creating twice; a guest sends it with an "
                                    + IdempotencyFilter.DEVICE_HEADER + " header (8 to 128 characters)"));
                }
            }));
        };
    }

    /** "GET /api/v1/orders/{id}" → its handler, in the route syntax springdoc writes paths in. */
    private static Map<String, HandlerMethod> handlersByRoute(RequestMappingHandlerMapping mappings) {
        Map<String, HandlerMethod> handlers = new HashMap<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    handlers.put(method.name() + " " + pattern.replace("{*", "{"), handler);
                }
            }
        });
        return handlers;
    }

    private static Access access(String method, String path, HandlerMethod handler) {
        if (SecurityConfig.isPublic(method, path)) {
            boolean readsCaller = handler == null || Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(AuthenticationPrincipal.class));
            return readsCaller ? Access.OPTIONAL : Access.NONE;
        }
        return SecurityConfig.isAdminOnly(path) ? Access.ADMIN : Access.SIGNED_IN;
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation, Access access) {
        switch (access) {
            case NONE -> operation.setSecurity(List.of());
            case OPTIONAL -> operation.setSecurity(List.of(new SecurityRequirement(),
                    new SecurityRequirement().addList(BEARER_AUTH)));
            default -> operation.setSecurity(null);
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean input = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || operation.getRequestBody() != null || method == PathItem.HttpMethod.POST;
        if (input) {
            error(responses, "400", "Invalid input: validation errors, malformed JSON, unknown fields");
        }
        switch (access) {
            case NONE -> { }
            case OPTIONAL -> {
                error(responses, "401", "The bearer token sent is not valid (a guest sends none)");
                error(responses, "403", "The token's account is deactivated, or the caller may not see this");
            }
            case SIGNED_IN -> {
                error(responses, "401", "Missing or invalid bearer token");
                error(responses, "403", "The account is deactivated, or the caller may not do this");
            }
            case ADMIN -> {
                error(responses, "401", "Missing or invalid bearer token");
                error(responses, "403", "Not an admin, or the account is deactivated");
            }
        }
        if (path.contains("{")) {
            error(responses, "404", "Not found, or not visible to the caller");
        }
        if (WRITES.contains(method)) {
            error(responses, "409", "Conflict: concurrent change, duplicate, Idempotency-Key reuse or still in progress");
        }
        if (operation.getRequestBody() != null) {
            error(responses, "413", "Payload too large");
        }
        if (RateLimitFilter.limits(path)) {
            error(responses, "429", "Rate limited; retry after the Retry-After seconds");
        }
        // Every 4xx has the error shape, also one a controller declares (springdoc gives it the route's own body).
        responses.forEach((status, response) -> {
            if (status.startsWith("4")) {
                withProblemBody(status, response);
            }
        });
    }

    private static void error(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, withProblemBody(status, new ApiResponse().description(description)));
        }
    }

    private static ApiResponse withProblemBody(String status, ApiResponse response) {
        response.content(new Content().addMediaType(ProblemWriter.PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
        if ("429".equals(status)) {
            response.addHeaderObject("Retry-After",
                    new Header().description("Seconds to wait before retrying").schema(new IntegerSchema()));
        }
        return response;
    }
}
