package dz.zst.app.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures park an event and which only fail its batch, to be retried whole; the same ones
 * answer a request 503 with Retry-After rather than 500.
 */
class TransientFailuresTest {

    @Test
    void failuresOfTheDatabaseAreNeverBlamedOnTheEvent() {
        assertThat(TransientFailures.transientFailure(new CannotGetJdbcConnectionException("pool exhausted"))).isTrue();
        assertThat(TransientFailures.transientFailure(new CannotAcquireLockException("deadlock"))).isTrue();
        assertThat(TransientFailures.transientFailure(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(TransientFailures.transientFailure(new SQLException("could not serialize", "40001"))).isTrue();
        assertThat(TransientFailures.transientFailure(new SQLException("admin shutdown", "57P01"))).isTrue();
        assertThat(TransientFailures.transientFailure(new RuntimeException(
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(TransientFailures.transientFailure(
                new RedisConnectionFailureException("Connection closed"))).isTrue();
        // a commit the database broke off, reported by the rollback that followed it failing too
        assertThat(TransientFailures.transientFailure(new CompletionException(
                new TransactionSystemException("JDBC rollback failed")))).isTrue();
    }

    @Test
    void failuresOfTheEventsDataAreParked() {
        assertThat(TransientFailures.transientFailure(new SQLException("numeric field overflow", "22003"))).isFalse();
        assertThat(TransientFailures.transientFailure(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(TransientFailures.transientFailure(new NullPointerException())).isFalse();
    }
}
