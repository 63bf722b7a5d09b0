package dz.zst.app.config;

import java.util.function.Supplier;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The JDBC event storage engine's transaction manager: Spring's, except that a read made outside
 * any transaction runs on an autocommit connection instead of in a transaction of its own.
 *
 * <p>Why: Axon Framework 4.13.0's {@code JdbcEventStorageEngine} wraps every read in
 * {@code fetchInTransaction}, also the embedded event store's reads of the stream's tail, which come
 * after every commit on a busy node (a read and, when it finds nothing, a gap check: about 1.4 reads
 * and 0.8 checks per message in the messages bench). Each paid a BEGIN and a COMMIT round trip and
 * Spring's transaction bookkeeping for nothing: on PostgreSQL at READ COMMITTED, the isolation the
 * platform runs at, each statement reads its own snapshot inside a transaction as outside one, and
 * the engine's reads write nothing. No upstream issue asks for it (the engine has no switch); look
 * again on a major upgrade (Axon 5's event storage is a rewrite).
 *
 * <p>Reads inside a transaction (an aggregate loaded by a command, in the command's) join it as
 * before, and appends and snapshots ({@code executeInTransaction}, {@link #startTransaction()}) are
 * Spring's unchanged. Only the engine gets this manager: the token store's claims must stay
 * transactional ({@code SELECT … FOR UPDATE} then {@code UPDATE}).
 */
final class EventStoreReadTransactions implements TransactionManager {

    private final TransactionManager delegate;

    EventStoreReadTransactions(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        return delegate.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        return TransactionSynchronizationManager.isActualTransactionActive()
                ? delegate.fetchInTransaction(supplier)
                : supplier.get();
    }
}
