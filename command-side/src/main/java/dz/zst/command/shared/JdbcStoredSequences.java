package dz.zst.command.shared;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link StoredSequences} as one statement on the event store's table, in the unit of work's
 * transaction (the JDBC client joins it).
 */
@Component
public class JdbcStoredSequences implements StoredSequences {

    private final JdbcClient eventStore;

    public JdbcStoredSequences(JdbcClient jdbcClient) {
        this.eventStore = jdbcClient;
    }

    @Override
    public Map<String, Long> newest(Collection<String> aggregateIds) {
        return newestOfEach(eventStore, "sequencenumber", aggregateIds);
    }

    /**
     * A column ({@code sequencenumber} or {@code globalindex}) of each aggregate's newest event,
     * found by a backward step on the (aggregate, sequence) unique index: one entry per aggregate
     * however long its history. Aggregates without events are left out.
     */
    static Map<String, Long> newestOfEach(JdbcClient eventStore, String column, Collection<String> aggregateIds) {
        if (!column.equals("sequencenumber") && !column.equals("globalindex")) {
            throw new IllegalArgumentException("not an event store position column: " + column);
        }
        Map<String, Long> newest = new HashMap<>();
        if (aggregateIds.isEmpty()) {
            return newest;
        }
        eventStore.sql("SELECT a.id, (SELECT e." + column + " FROM domainevententry e WHERE e.aggregateidentifier = a.id "
                        + "ORDER BY e.sequencenumber DESC LIMIT 1) FROM unnest(?::varchar[]) AS a(id)")
                .param(aggregateIds.toArray(String[]::new))
                .query(rs -> {
                    long value = rs.getLong(2);
                    if (!rs.wasNull()) {
                        newest.put(rs.getString(1), value);
                    }
                });
        return newest;
    }
}
