package dz.zst.domain.shared;

import java.util.Map;

/**
 * Read-your-writes, the one mechanism: after a command, the writer learns the global event-store
 * position of the newest event of each aggregate it changed and asks the read side to answer only
 * once the read model rows of those aggregates have folded those positions. Answers {@code true}
 * when they have, or {@code false} when the wait timed out (the events are stored either way).
 *
 * @param positions aggregate id → event-store position its row must reach
 */
public record AwaitReadModelQuery(ReadModel readModel, Map<String, Long> positions) {

    public AwaitReadModelQuery {
        positions = Map.copyOf(positions);
    }

    public static AwaitReadModelQuery of(ReadModel readModel, String aggregateId, long position) {
        return new AwaitReadModelQuery(readModel, Map.of(aggregateId, position));
    }
}
