package dz.zst.app.web;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dz.zst.app.infra.TransientFailures;
import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.DomainException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.ReadModelBehindException;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure a request can meet to the contract's error shape. A 500 here means a bug: it
 * is logged with its stack trace, and the client learns nothing of the internals.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * How jackson-core 2.x words a repeated key under STRICT_DUPLICATE_DETECTION
     * (JsonReadContext._checkDup); it throws a plain JsonParseException, with no type of its own.
     */
    private static final String DUPLICATE_KEY = "Duplicate field '";

    /** The HTTP mapper, to name an enum's constants as the wire writes them. */
    private final ObjectMapper json;

    public ApiExceptionHandler(ObjectMapper json) {
        this.json = json;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
        List<ApiError.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiError.FieldError(snake(f.getField()), snake(f.getField()) + " " + f.getDefaultMessage()))
                .collect(Collectors.toList());
        e.getBindingResult().getGlobalErrors().forEach(g ->
                errors.add(new ApiError.FieldError(g.getObjectName(), g.getDefaultMessage())));
        return respond(ApiError.validation(errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameter(HandlerMethodValidationException e) {
        List<ApiError.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new ApiError.FieldError(
                        snake(r.getMethodParameter().getParameterName()),
                        snake(r.getMethodParameter().getParameterName()) + " " + err.getDefaultMessage())))
                .toList();
        return respond(ApiError.validation(errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> constraintViolation(ConstraintViolationException e) {
        List<ApiError.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    String field = snake(path.substring(path.lastIndexOf('.') + 1));
                    return new ApiError.FieldError(field, field + " " + v.getMessage());
                }).toList();
        return respond(ApiError.validation(errors));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = unknown.getPropertyName();
            return respond(ApiError.validation(List.of(
                    new ApiError.FieldError(field, "property " + field + " should not exist"))));
        }
        StreamReadException read = streamFailure(cause);
        if (read != null && read.getProcessor() != null) {
            String field = path(read.getProcessor().getParsingContext());
            if (read.getOriginalMessage() != null && read.getOriginalMessage().startsWith(DUPLICATE_KEY)) {
                return fieldError(field, field + " is given more than once");
            }
            if (read instanceof InputCoercionException) {
                return fieldError(field, field + " is out of range");
            }
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            String field = path(format);
            return fieldError(field, field + " must be one of " + wireValues(format.getTargetType()));
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            String field = path((JsonMappingException) cause);
            String message = cause.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null
                    ? iae.getMessage()
                    : field + " has an invalid value or type";
            return respond(ApiError.validation(List.of(new ApiError.FieldError(field, message))));
        }
        if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof IllegalArgumentException iae) {
            String field = path(mapping);
            return respond(ApiError.validation(List.of(new ApiError.FieldError(field, iae.getMessage()))));
        }
        String message = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "Request body is required" : "Malformed JSON in request body";
        return respond(ApiError.of(HttpStatus.BAD_REQUEST, message));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingServletRequestPartException.class,
            MissingRequestHeaderException.class, MultipartException.class})
    ResponseEntity<ApiError> missingPart(Exception e) {
        if (e instanceof MaxUploadSizeExceededException) {
            return respond(ApiError.of(HttpStatus.PAYLOAD_TOO_LARGE, "File too large"));
        }
        String message = "Malformed multipart request";
        if (e instanceof MissingServletRequestParameterException m) {
            message = m.getParameterName() + " is required";
        } else if (e instanceof MissingServletRequestPartException m) {
            message = m.getRequestPartName() + " is required";
        } else if (e instanceof MissingRequestHeaderException m) {
            message = "header " + m.getHeaderName() + " is required";
        }
        return respond(ApiError.of(HttpStatus.BAD_REQUEST, message));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        String field = snake(e.getName());
        Throwable root = e.getMostSpecificCause();
        if (root instanceof DecimalIntegers.Refused refused) {
            return fieldError(field, field + " " + refused.getMessage());
        }
        String message = root instanceof IllegalArgumentException && root.getMessage() != null
                && !root.getMessage().startsWith("No enum constant") && !(root instanceof NumberFormatException)
                ? root.getMessage() : field + " has an invalid value";
        return respond(ApiError.validation(List.of(new ApiError.FieldError(field, message))));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return respond(ApiError.of(HttpStatus.PAYLOAD_TOO_LARGE, "File too large"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(ApiError.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content type " + e.getContentType() + " is not supported"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(ApiError.of(HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ApiError> response = respond(ApiError.of(HttpStatus.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not allowed here"));
        return e.getSupportedHttpMethods() == null ? response : ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders()).header(HttpHeaders.ALLOW, e.getSupportedHttpMethods().stream()
                        .map(Object::toString).collect(Collectors.joining(", "))).body(response.getBody());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noRoute(NoResourceFoundException e) {
        return respond(ApiError.of(HttpStatus.NOT_FOUND, "Cannot " + e.getHttpMethod() + " /" + e.getResourcePath()));
    }

    /** With static resources off, an unknown route never reaches a resource handler. */
    @ExceptionHandler(NoHandlerFoundException.class)
    ResponseEntity<ApiError> noHandler(NoHandlerFoundException e) {
        return respond(ApiError.of(HttpStatus.NOT_FOUND, "Cannot " + e.getHttpMethod() + " " + e.getRequestURL()));
    }

    /**
     * Only a sign-in's wrong credentials say more than "Unauthorized", with the message the sign-in
     * chose for the caller (it does not tell which of email and password was wrong).
     */
    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ApiError> unauthenticated(AuthenticationException e) {
        if (e instanceof BadCredentialsException && e.getMessage() != null) {
            return respond(ApiError.of(HttpStatus.UNAUTHORIZED, e.getMessage()));
        }
        return respond(ApiError.of(HttpStatus.UNAUTHORIZED, "Unauthorized"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return respond(ApiError.of(HttpStatus.FORBIDDEN, e.getMessage() == null ? "Forbidden" : e.getMessage()));
    }

    @ExceptionHandler({CommandExecutionException.class, QueryExecutionException.class})
    ResponseEntity<ApiError> wrapped(Exception e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof DomainException domain) {
                return domain(domain);
            }
            if (cause instanceof IllegalArgumentException iae) {
                return badInput(iae);
            }
            cause = cause.getCause();
        }
        if (e instanceof CommandExecutionException cee && cee.getDetails().orElse(null) instanceof String detail) {
            return respond(ApiError.of(HttpStatus.BAD_REQUEST, detail));
        }
        return unexpected(e);
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ApiError> domain(DomainException e) {
        if (e instanceof ReadModelBehindException behind) {
            return readModelBehind(behind);
        }
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (e instanceof NotFoundException) {
            status = HttpStatus.NOT_FOUND;
        } else if (e instanceof ForbiddenException) {
            status = HttpStatus.FORBIDDEN;
        } else if (e instanceof ConflictException) {
            status = HttpStatus.CONFLICT;
        }
        return respond(ApiError.of(status, e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> badInput(IllegalArgumentException e) {
        if (e instanceof InvalidFieldException invalid) {
            return respond(ApiError.validation(List.of(new ApiError.FieldError(invalid.field(), invalid.getMessage()))));
        }
        return respond(ApiError.of(HttpStatus.BAD_REQUEST, e.getMessage() == null ? "Bad request" : e.getMessage()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ApiError> aggregateMissing(AggregateNotFoundException e) {
        return respond(ApiError.of(HttpStatus.NOT_FOUND, "Not found"));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ApiError> concurrent(ConcurrencyException e) {
        return respond(ApiError.of(HttpStatus.CONFLICT, "The resource was changed concurrently, please retry"));
    }

    /** A second creation of the same aggregate: a checkout whose derived order ids already exist. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ApiError> alreadyCreated(AggregateStreamCreationException e) {
        return respond(ApiError.of(HttpStatus.CONFLICT, "This was already created"));
    }

    /**
     * A command that waited longer than Axon's handler time limit (a queue of checkouts on one hot
     * product under overload) was interrupted and rolled back: the client may retry, with the same
     * Idempotency-Key so a retry can never place twice.
     */
    @ExceptionHandler(AxonTimeoutException.class)
    ResponseEntity<ApiError> overloaded(AxonTimeoutException e) {
        log.warn("command timed out: {}", e.getMessage());
        return retryLater("1", "The platform is busy; please retry");
    }

    /**
     * The write is stored but a read model set its event aside (dead letter): 503 at once, without
     * Retry-After, since repeating the write would store it twice.
     */
    private static ResponseEntity<ApiError> readModelBehind(ReadModelBehindException e) {
        log.warn("answered a stored write with 503, the {} read model behind: {}", e.readModel(), e.getMessage());
        return respond(ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (TransientFailures.transientFailure(e)) {
            log.warn("answered 503: {}", NestedExceptionUtils.getMostSpecificCause(e).toString());
            // After the request's command was stored (its answer's read failed): a repeat would
            // store it twice (a second checkout), so it is told not to, as a read model behind is.
            return ConsistentWrites.storedInThisRequest() ? respond(ApiError.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "Your change was saved, but the platform could not show it just now. Do not repeat the request."))
                    : unavailable();
        }
        log.error("Unhandled error", e);
        return respond(ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error"));
    }

    /**
     * The database (or Redis where nothing can stand in for it) did not answer: nothing was
     * acknowledged, the client may repeat the request (with its Idempotency-Key, for a creation).
     */
    static ResponseEntity<ApiError> unavailable() {
        return retryLater("2", "The platform is briefly unavailable; please retry");
    }

    private static ResponseEntity<ApiError> retryLater(String seconds, String message) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, seconds)
                .contentType(MediaType.parseMediaType(ProblemWriter.PROBLEM_JSON))
                .body(ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, message));
    }

    static ResponseEntity<ApiError> respond(ApiError error) {
        return ResponseEntity.status(error.status())
                .contentType(MediaType.parseMediaType(ProblemWriter.PROBLEM_JSON)).body(error);
    }

    private static ResponseEntity<ApiError> fieldError(String field, String message) {
        return respond(ApiError.validation(List.of(new ApiError.FieldError(field, message))));
    }

    private static String path(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return field.isEmpty() ? "body" : field;
    }

    /** A failure of the parser itself, which databind wraps when it met it inside a collection or creator. */
    private static StreamReadException streamFailure(Throwable cause) {
        for (Throwable at = cause; at != null; at = at.getCause()) {
            if (at instanceof StreamReadException read) {
                return read;
            }
        }
        return null;
    }

    /**
     * Where the parser stood: the key it had just read, inside the objects and arrays that hold it
     * ({@code items[0].quantity}). A stream-level failure has no databind path to read it from.
     */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.push("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            } else if (at.getCurrentName() != null) {
                parts.push(at.getCurrentName());
            }
        }
        StringBuilder field = new StringBuilder();
        for (String part : parts) {
            field.append(field.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private String wireValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(constant -> json.valueToTree(constant).asText())
                .collect(Collectors.joining(", "));
    }

    private static String snake(String name) {
        return name == null ? "" : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
