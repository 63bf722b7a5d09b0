package dz.zst.query.shared;

import dz.zst.domain.shared.AwaitReadModelQuery;
import dz.zst.domain.shared.ReadModel;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read half of read-your-writes: answers an {@link AwaitReadModelQuery} once the aggregate's
 * row in the read model carries the awaited event-store position (or the timeout passes), then
 * bumps the read model's generation so no cache anywhere serves what it held before the write.
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    /** Each read model's table and its position column, keyed by aggregate id. */
    private static final Map<ReadModel, String> POSITION_SQL = Map.of(
            ReadModel.PRODUCTS, "SELECT position FROM products WHERE id = ?",
            ReadModel.USERS, "SELECT position FROM users WHERE id = ?");

    private final JdbcClient jdbc;
    private final ReadModelCache cache;
    private final Duration timeout;

    public ReadYourWrites(JdbcClient jdbc, ReadModelCache cache,
                          @Value("${zst.read-your-writes-timeout:10s}") Duration timeout) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.timeout = timeout;
    }

    @QueryHandler
    public Boolean await(AwaitReadModelQuery query) throws InterruptedException {
        UUID id = UUID.fromString(query.aggregateId());
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (true) {
            Long position = jdbc.sql(POSITION_SQL.get(query.readModel())).param(id).query(Long.class).optional()
                    .orElse(-1L);
            if (position >= query.position()) {
                cache.bump(query.readModel());
                return true;
            }
            if (System.nanoTime() > deadline) {
                log.warn("Read model {} did not reach position {} for {} within {}", query.readModel(),
                        query.position(), query.aggregateId(), timeout);
                return false;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }
}
