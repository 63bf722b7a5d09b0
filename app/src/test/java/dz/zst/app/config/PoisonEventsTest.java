package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Which failures park an event and which only fail its batch, to be retried whole. */
class PoisonEventsTest {

    @Test
    void failuresOfTheDatabaseAreNeverBlamedOnTheEvent() {
        assertThat(PoisonEvents.transientFailure(new CannotGetJdbcConnectionException("pool exhausted"))).isTrue();
        assertThat(PoisonEvents.transientFailure(new CannotAcquireLockException("deadlock"))).isTrue();
        assertThat(PoisonEvents.transientFailure(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(PoisonEvents.transientFailure(new SQLException("could not serialize", "40001"))).isTrue();
        assertThat(PoisonEvents.transientFailure(new SQLException("admin shutdown", "57P01"))).isTrue();
    }

    @Test
    void failuresOfTheEventsDataAreParked() {
        assertThat(PoisonEvents.transientFailure(new SQLException("numeric field overflow", "22003"))).isFalse();
        assertThat(PoisonEvents.transientFailure(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(PoisonEvents.transientFailure(new NullPointerException())).isFalse();
    }
}
