package dz.zst.query.shared;

import dz.zst.domain.shared.AwaitReadModelQuery;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.ReadModelCommitted;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read half of read-your-writes: answers an {@link AwaitReadModelQuery} once the aggregates'
 * rows in the read model carry the awaited event-store positions (or the timeout passes), then
 * bumps the read model's generation so no cache anywhere serves what it held before the write.
 */
@Component
public class ReadYourWrites implements ReadModelCommitted {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    private final JdbcClient jdbc;
    private final ReadModelCache cache;
    private final Duration timeout;
    /** Commits announced on this node, per processing group; waiters sleep until the count moves. */
    private final Map<String, AtomicLong> commits = new ConcurrentHashMap<>();
    private final Object signal = new Object();

    public ReadYourWrites(JdbcClient jdbc, ReadModelCache cache,
                          @Value("${zst.read-your-writes-timeout:10s}") Duration timeout) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.timeout = timeout;
    }

    @QueryHandler
    public Boolean await(AwaitReadModelQuery query) throws InterruptedException {
        ReadModel readModel = query.readModel();
        UUID[] ids = query.positions().keySet().stream().map(UUID::fromString).toArray(UUID[]::new);
        String sql = "SELECT id, position FROM " + readModel.positionTable() + " WHERE id = ANY(?)";
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        AtomicLong announced = commits(readModel);
        while (true) {
            long seen = announced.get();
            Map<String, Long> folded = new HashMap<>();
            jdbc.sql(sql).param(ids).query((rs, row) -> folded.put(rs.getString(1), rs.getLong(2))).list();
            if (query.positions().entrySet().stream()
                    .allMatch(awaited -> folded.getOrDefault(awaited.getKey(), -1L) >= awaited.getValue())) {
                cache.bump(readModel);
                return true;
            }
            if (System.nanoTime() > deadline) {
                log.warn("Read model {} did not reach positions {} within {}", readModel, query.positions(), timeout);
                return false;
            }
            // Woken by a commit on this node, else after the pause (a commit on another node).
            synchronized (signal) {
                if (announced.get() == seen) {
                    signal.wait(pause);
                }
            }
            pause = Math.min(pause * 2, 20);
        }
    }

    @Override
    public void committed(ReadModel readModel) {
        commits(readModel).incrementAndGet();
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private AtomicLong commits(ReadModel readModel) {
        return commits.computeIfAbsent(readModel.processingGroup(), group -> new AtomicLong());
    }
}
