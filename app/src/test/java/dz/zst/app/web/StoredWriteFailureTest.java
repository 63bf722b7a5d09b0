package dz.zst.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.shared.ReadModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A database failure answers 503 with Retry-After (nothing stored, repeat it), except after the
 * request's own command was stored: the fault suite's PostgreSQL outage broke a checkout's read of
 * the orders it had just placed, and "please retry" would have placed them twice.
 */
class StoredWriteFailureTest {

    /** An event store nobody listens on: the wait for the read models fails, as with the database gone. */
    private final ConsistentWrites writes = new ConsistentWrites(null, null,
            JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/gone")));
    private final ApiExceptionHandler handler = new ApiExceptionHandler(new ObjectMapper());

    @BeforeEach
    void aRequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    @AfterEach
    void done() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void beforeAnyCommandIsStoredTheClientMayRepeat() {
        ResponseEntity<ApiError> answer = handler.unexpected(new CannotGetJdbcConnectionException("gone"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    }

    @Test
    void afterTheRequestsCommandWasStoredItIsToldNotToRepeatIt() {
        writes.awaitStored(ReadModel.ORDERS, "4d1c7f3e-0000-4000-8000-000000000001");

        ResponseEntity<ApiError> answer = handler.unexpected(new CannotGetJdbcConnectionException("gone"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
        assertThat(answer.getBody().message().toString()).contains("saved").contains("Do not repeat");
    }
}
