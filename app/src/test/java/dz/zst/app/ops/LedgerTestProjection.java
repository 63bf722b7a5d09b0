package dz.zst.app.ops;

import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A replayable read model that exists only in tests, built like the real ones (own table,
 * idempotent upsert, emptied by its reset handler), so the ops routes can be exercised whatever
 * business projections a branch has.
 */
@Component
@ProcessingGroup(LedgerTestProjection.GROUP)
public class LedgerTestProjection {

    public static final String GROUP = "ops-test-ledger";
    public static final String TABLE_DDL =
            "CREATE TABLE IF NOT EXISTS ops_test_ledger (id VARCHAR(64) PRIMARY KEY, amount BIGINT NOT NULL)";
    public static final AtomicInteger RESETS = new AtomicInteger();

    public record LedgerEntryRecorded(String id, long amount) {
    }

    private final JdbcClient jdbc;

    public LedgerTestProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LedgerEntryRecorded event) {
        jdbc.sql(TABLE_DDL).update();
        jdbc.sql("INSERT INTO ops_test_ledger (id, amount) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET amount = EXCLUDED.amount")
                .params(event.id(), event.amount()).update();
    }

    @ResetHandler
    void reset() {
        RESETS.incrementAndGet();
        jdbc.sql(TABLE_DDL).update();
        jdbc.sql("TRUNCATE ops_test_ledger").update();
    }
}
