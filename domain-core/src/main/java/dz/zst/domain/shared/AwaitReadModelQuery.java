package dz.zst.domain.shared;

/**
 * Read-your-writes, the one mechanism: after a command, the writer learns the global event-store
 * position of the aggregate's newest event and asks the read side to answer only once the read
 * model row of that aggregate has folded that position. Answers {@code true} when it has, or
 * {@code false} when the wait timed out (the events are stored either way).
 */
public record AwaitReadModelQuery(ReadModel readModel, String aggregateId, long position) {
}
