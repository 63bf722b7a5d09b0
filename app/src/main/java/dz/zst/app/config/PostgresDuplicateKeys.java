package dz.zst.app.config;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.stereotype.Component;

/**
 * Tells Axon which storage failures are append races. Axon's JDBC default only recognises
 * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws: a
 * lost race on the (aggregate, sequence) key arrived as a plain EventStoreException, was not
 * retried and surfaced as a 500. PostgreSQL reports a unique violation as SQLState 23505, on the
 * exception itself or, for batched inserts, on the next exception of the batch failure.
 */
@Component
public class PostgresDuplicateKeys implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
