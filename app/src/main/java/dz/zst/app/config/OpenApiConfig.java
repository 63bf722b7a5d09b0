package dz.zst.app.config;

import dz.zst.app.web.ApiError;
import dz.zst.app.web.IdempotencyFilter;
import dz.zst.app.web.ProblemWriter;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document (API.md §1): bearer JWT on every operation and the contract's error
 * responses on every operation, so each route documents its failure shape without repeating it.
 */
@Configuration
public class OpenApiConfig {

    public static final String BEARER_AUTH = "bearerAuth";
    private static final String ERROR_SCHEMA = "ApiError";

    private static final Map<String, String> COMMON_ERRORS = commonErrors();

    private static Map<String, String> commonErrors() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Invalid input: validation errors, malformed JSON, unknown fields");
        errors.put("401", "Missing or invalid bearer token");
        errors.put("403", "Authenticated but not allowed");
        errors.put("404", "Not found, or not visible to the caller");
        errors.put("409", "Conflict: concurrent change, duplicate, Idempotency-Key reuse or still in progress");
        errors.put("413", "Payload too large");
        errors.put("429", "Rate limited; retry after the Retry-After seconds");
        return errors;
    }

    @Bean
    public OpenAPI zstOpenApi(@Value("${zst.api-name:ZST marketplace API}") String name,
                              @Value("${zst.api-version:1.0.0}") String version) {
        return new OpenAPI()
                .info(new Info().title(name).version(version).description(
                        "REST API of the ZST marketplace: catalog, cart, orders, reels, B2B offers and seller"
                                + " dashboards. Authenticate with `Authorization: Bearer <token>`; errors use"
                                + " application/problem+json with the fields of the ApiError schema. Live updates:"
                                + " Socket.IO v4, namespace `/realtime`, path `/socket.io`, on port REALTIME_PORT"
                                + " (3001 by default; `GET /api` tells this node's), token in `auth.token`."))
                .components(new Components().addSecuritySchemes(BEARER_AUTH, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_AUTH));
    }

    @Bean
    public OpenApiCustomizer commonErrorResponses() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            @SuppressWarnings("rawtypes")
            Map<String, Schema> schemas = ModelConverters.getInstance().readAll(ApiError.class);
            schemas.forEach(components::addSchemas);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(path -> {
                path.readOperations().forEach(OpenApiConfig::addErrors);
                if (path.getPost() != null) {
                    path.getPost().addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER)
                            .required(false).schema(new StringSchema().maxLength(255))
                            .description("Repeat the same key within 24 h to get the first response again"
                                    + " instead of creating twice; a guest sends it with an "
                                    + IdempotencyFilter.DEVICE_HEADER + " header (8 to 128 characters)"));
                }
            });
        };
    }

    private static void addErrors(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        COMMON_ERRORS.forEach((status, description) -> {
            if (responses.containsKey(status)) {
                return;
            }
            ApiResponse response = new ApiResponse().description(description).content(new Content()
                    .addMediaType(ProblemWriter.PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
            if ("429".equals(status)) {
                response.addHeaderObject("Retry-After",
                        new Header().description("Seconds to wait before retrying").schema(new IntegerSchema()));
            }
            responses.addApiResponse(status, response);
        });
    }
}
