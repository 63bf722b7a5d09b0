package dz.zst.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The contract's error body (API.md §1): the earlier backend's fields and RFC 9457's, side by side.
 * Field names are fixed by the contract, whatever the mapper's naming strategy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        @JsonProperty("statusCode") int statusCode,
        @JsonProperty("error") String error,
        @JsonProperty("message") Object message,
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("errors") List<FieldError> errors) {

    public record FieldError(@JsonProperty("field") String field, @JsonProperty("message") String message) {
    }

    public static ApiError of(HttpStatus status, String message) {
        return new ApiError(status.value(), status.getReasonPhrase(), message, typeOf(status),
                status.getReasonPhrase(), status.value(), message, null);
    }

    public static ApiError validation(List<FieldError> errors) {
        HttpStatus status = HttpStatus.BAD_REQUEST;
        List<String> messages = errors.stream().map(FieldError::message).toList();
        return new ApiError(status.value(), status.getReasonPhrase(), messages, typeOf(status),
                status.getReasonPhrase(), status.value(), String.join("; ", messages), errors);
    }

    private static String typeOf(HttpStatus status) {
        return "https://zst.dz/problems/" + status.getReasonPhrase().toLowerCase().replace(' ', '-');
    }
}
