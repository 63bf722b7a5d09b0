package dz.zst.app.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.svix.Webhook;
import com.svix.exceptions.WebhookVerificationException;
import dz.zst.app.web.ApiError;
import dz.zst.app.web.ProblemWriter;
import dz.zst.command.users.UserCommandSender;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserCommands.DeactivateUserCommand;
import dz.zst.domain.users.UserCommands.SyncUserFromIdentityProviderCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clerk's user webhooks, delivered by Svix (API.md §2). The signature covers the raw body, so the
 * body is taken as a string and parsed only after it verified. A delivery id is processed once:
 * Svix redelivers until it sees a 2xx, and a redelivery must not undo later changes.
 */
@RestController
@Tag(name = "Webhooks", description = "Deliveries from other services, signed by them; not for the app")
public class ClerkWebhookController {

    private static final Duration REMEMBER_DELIVERIES = Duration.ofHours(72);
    private static final String DELIVERY_KEY = "zst:clerk-webhook:";

    public record Receipt(boolean success, String status) {
    }

    private final Webhook webhook;
    private final ObjectMapper mapper;
    private final StringRedisTemplate redis;
    private final UserCommandSender sender;

    public ClerkWebhookController(ClerkProperties clerk, ObjectMapper mapper, StringRedisTemplate redis,
                                  UserCommandSender sender) {
        this.webhook = ClerkProperties.hasText(clerk.webhookSigningSecret())
                ? new Webhook(clerk.webhookSigningSecret().strip()) : null;
        this.mapper = mapper;
        this.redis = redis;
        this.sender = sender;
    }

    @PostMapping("/api/v1/webhooks/clerk")
    @Operation(summary = "Clerk's user events, signed by Svix (user.created, user.updated, user.deleted)")
    @ApiResponse(responseCode = "200", description = "Processed, or a delivery already processed")
    @ApiResponse(responseCode = "503", description = "CLERK_WEBHOOK_SIGNING_SECRET is not set", content = @Content(
            mediaType = ProblemWriter.PROBLEM_JSON, schema = @Schema(implementation = ApiError.class)))
    public ResponseEntity<Object> receive(@RequestBody(required = false) String body,
                                          @RequestHeader HttpHeaders headers) {
        if (webhook == null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(MediaType.parseMediaType(ProblemWriter.PROBLEM_JSON))
                    .body(ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, "Clerk webhook is not configured"));
        }
        verify(body == null ? "" : body, headers);
        JsonNode event = parse(body);
        String deliveryKey = DELIVERY_KEY + headers.getFirst("svix-id");
        if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(deliveryKey, "1", REMEMBER_DELIVERIES))) {
            return ResponseEntity.ok(new Receipt(true, "duplicate"));
        }
        try {
            return ResponseEntity.ok(new Receipt(true, handle(event.path("type").asText(), event.path("data"))));
        } catch (RuntimeException e) {
            redis.delete(deliveryKey);
            throw e;
        }
    }

    private String handle(String type, JsonNode data) {
        String clerkId = text(data, "id");
        if (!type.startsWith("user.")) {
            return "ignored";
        }
        if (clerkId == null) {
            throw new IllegalArgumentException("data.id is required");
        }
        UserId userId = UserId.forExternalSubject(clerkId);
        switch (type) {
            case "user.created", "user.updated" -> {
                sender.send(userId, sync(userId, clerkId, data));
                return "processed";
            }
            case "user.deleted" -> {
                try {
                    sender.send(userId, new DeactivateUserCommand(userId));
                    return "processed";
                } catch (AggregateNotFoundException e) {
                    return "ignored";
                }
            }
            default -> {
                return "ignored";
            }
        }
    }

    private static SyncUserFromIdentityProviderCommand sync(UserId userId, String clerkId, JsonNode data) {
        String first = text(data, "first_name");
        String last = text(data, "last_name");
        String fullName = first == null ? last : last == null ? first : first + " " + last;
        JsonNode metadata = data.path("public_metadata");
        Role role = wire(text(metadata, "role"), Role::fromWire);
        SellerCategory category = wire(text(metadata, "seller_category") != null
                ? text(metadata, "seller_category") : text(metadata, "sellerCategory"), SellerCategory::fromWire);
        if (role == Role.SELLER && category == null) {
            // A seller without its tier is not a valid role: keep the user's current one.
            role = null;
        }
        if (role != Role.SELLER) {
            category = null;
        }
        return new SyncUserFromIdentityProviderCommand(userId, clerkId,
                primary(data, "email_addresses", "primary_email_address_id", "email_address"),
                fullName, text(data, "image_url"),
                primary(data, "phone_numbers", "primary_phone_number_id", "phone_number"), role, category);
    }

    private void verify(String body, HttpHeaders headers) {
        Map<String, List<String>> svixHeaders = Map.of(
                "svix-id", headers.getOrEmpty("svix-id"),
                "svix-timestamp", headers.getOrEmpty("svix-timestamp"),
                "svix-signature", headers.getOrEmpty("svix-signature"));
        try {
            webhook.verify(body, java.net.http.HttpHeaders.of(svixHeaders, (name, value) -> true));
        } catch (WebhookVerificationException e) {
            throw new IllegalArgumentException("Invalid webhook signature");
        }
    }

    private JsonNode parse(String body) {
        try {
            JsonNode event = mapper.readTree(body);
            if (event == null || !event.isObject()) {
                throw new IllegalArgumentException("Webhook body must be a JSON object");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Malformed JSON in webhook body");
        }
    }

    /** The attribute of the array entry whose id is the one the primary-id field names. */
    private static String primary(JsonNode data, String array, String primaryIdField, String attribute) {
        String primaryId = text(data, primaryIdField);
        for (JsonNode entry : data.path(array)) {
            if (primaryId != null && primaryId.equals(text(entry, "id"))) {
                return text(entry, attribute);
            }
        }
        return null;
    }

    private static <T> T wire(String value, java.util.function.Function<String, T> parse) {
        try {
            return value == null ? null : parse.apply(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
