package dz.zst.app.infra;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Failures of the database or Redis rather than of the request or the event: the same attempt may
 * well succeed a moment later. A projection's batch that meets one is retried whole instead of
 * parking its event (PoisonEvents); a request that meets one is answered 503 with Retry-After, never
 * 500 (ApiExceptionHandler; TransientFailureAnswers before MVC).
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean transientFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Spring's translations; Redis's connection failures are DataAccessResourceFailureExceptions
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            // A commit or rollback the database broke off (the connection terminated under it):
            // Spring reports the rollback's failure, with the commit's only logged
            if (cause instanceof TransactionSystemException) {
                return true;
            }
            // Hikari's "connection is not available, request timed out"
            if (cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // connection (08), transaction rollback: serialization, deadlock (40), resources (53),
                // operator intervention: cancel, shutdown (57)
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
