package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The event store's reads outside a transaction start none; inside one (a command's aggregate load)
 * they go through Spring's manager as before, and appends always do.
 */
class EventStoreReadTransactionsTest {

    /** Spring's manager as the engine sees it: what it was asked to start. */
    private static final class RecordingManager implements TransactionManager {
        final List<String> started = new ArrayList<>();

        @Override
        public Transaction startTransaction() {
            started.add("transaction");
            return new Transaction() {
                @Override
                public void commit() {
                    started.add("commit");
                }

                @Override
                public void rollback() {
                    started.add("rollback");
                }
            };
        }
    }

    private final RecordingManager spring = new RecordingManager();
    private final EventStoreReadTransactions reads = new EventStoreReadTransactions(spring);

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void aReadOutsideAnyTransactionStartsNone() {
        assertThat(reads.fetchInTransaction(() -> "events")).isEqualTo("events");
        assertThat(spring.started).isEmpty();
    }

    @Test
    void aReadInsideATransactionGoesThroughSpringsManager() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        assertThat(reads.fetchInTransaction(() -> "events")).isEqualTo("events");
        assertThat(spring.started).containsExactly("transaction", "commit");
    }

    @Test
    void anAppendIsAlwaysInATransaction() {
        reads.executeInTransaction(() -> { });
        assertThat(spring.started).containsExactly("transaction", "commit");
    }
}
