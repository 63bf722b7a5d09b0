package dz.zst.command.orders;

import dz.zst.domain.shared.ProductId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Product locks as PostgreSQL transaction-scoped advisory locks: every node shares the database,
 * so every node sees them, and the database releases them with the commit or rollback of the unit
 * of work's transaction, which is also the one that appends the events.
 */
@Component
public class PostgresProductLocks implements ProductLocks {

    private final JdbcClient jdbc;

    public PostgresProductLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lock(ProductId productId) {
        UUID id = productId.value();
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(id.getMostSignificantBits() ^ id.getLeastSignificantBits())
                .query((rs, row) -> row).list();
    }
}
