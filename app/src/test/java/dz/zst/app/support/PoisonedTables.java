package dz.zst.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Real failing statements for the dead-letter tests: a trigger on a read model's table raises
 * PostgreSQL's numeric_value_out_of_range (what an overflowing order total raised) for the rows a
 * condition picks, inside the projection's own transaction (or, {@link #exhaust}, a failure of the
 * database itself; {@link #slow}, a slow one). And the ops routes over dead letters.
 */
public final class PoisonedTables {

    private PoisonedTables() {
    }

    /** From now on, a write of a row of {@code table} for which {@code condition} holds fails. */
    public static void poison(JdbcClient jdbc, String table, String operations, String condition, String message) {
        poison(jdbc, table, "id", operations, condition, message);
    }

    /** As {@link #poison(JdbcClient, String, String, String, String)}, for a table keyed by {@code key}. */
    public static void poison(JdbcClient jdbc, String table, String key, String operations, String condition,
                              String message) {
        raise(jdbc, table, key, operations, condition, message, "22003");
    }

    /**
     * As {@link #poison(JdbcClient, String, String, String, String)}, but the failure is PostgreSQL's
     * insufficient_resources: the database's fault, not the event's, so the batch is retried whole
     * (never parked) and its processor is in error until the table is cured.
     */
    public static void exhaust(JdbcClient jdbc, String table, String operations, String condition) {
        raise(jdbc, table, "id", operations, condition, "out of resources", "53000");
    }

    private static void raise(JdbcClient jdbc, String table, String key, String operations, String condition,
                              String message, String sqlState) {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION zst_test_poison_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF %2$s THEN
                        RAISE EXCEPTION '%3$s %%', NEW.%4$s USING ERRCODE = '%5$s';
                    END IF;
                    RETURN NEW;
                END $$
                """.formatted(table, condition, message, key, sqlState)).update();
        trigger(jdbc, table, operations);
    }

    private static void trigger(JdbcClient jdbc, String table, String operations) {
        cure(jdbc, table);
        jdbc.sql("CREATE TRIGGER zst_test_poison_%1$s BEFORE %2$s ON %1$s FOR EACH ROW EXECUTE FUNCTION zst_test_poison_%1$s()"
                .formatted(table, operations)).update();
    }

    /**
     * From now on, a write of a row of {@code table} for which {@code condition} holds takes
     * {@code seconds} longer (a slow disk, a lock held elsewhere), inside the projection's own
     * transaction; {@link #cure} ends it.
     */
    public static void slow(JdbcClient jdbc, String table, String operations, String condition, double seconds) {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION zst_test_poison_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF %2$s THEN
                        PERFORM pg_sleep(%3$s);
                    END IF;
                    RETURN NEW;
                END $$
                """.formatted(table, condition, seconds)).update();
        trigger(jdbc, table, operations);
    }

    public static void cure(JdbcClient jdbc, String table) {
        jdbc.sql("DROP TRIGGER IF EXISTS zst_test_poison_%1$s ON %1$s".formatted(table)).update();
    }

    /** GET /api/v1/admin/projections/{group}/dead-letters, answered 200. */
    public static JsonNode deadLetters(String baseUrl, String admin, String group) {
        ApiCalls.Response letters = ApiCalls.get(baseUrl + "/api/v1/admin/projections/" + group + "/dead-letters", admin);
        assertThat(letters.status()).as(letters.raw()).isEqualTo(200);
        return letters.body();
    }

    /** POST /api/v1/admin/projections/{group}/dead-letters/retry, answered 200: nothing left parked. */
    public static JsonNode retried(String baseUrl, String admin, String group) {
        ApiCalls.Response retried = ApiCalls.post(baseUrl + "/api/v1/admin/projections/" + group
                + "/dead-letters/retry", admin, null);
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().get("sequences_left").asLong()).as(retried.raw()).isZero();
        return retried.body();
    }
}
