package dz.zst.app.ops;

/**
 * One event a read model set aside (field names go out in snake_case): its place in the group's
 * queue, the event, and the failure that parked it (or parked its sequence, for the letters behind
 * the first: those are parked only because an earlier event of their sequence is). {@code position}
 * is the event's global index in the event store (none on Axon Server, whose events are not in that table).
 */
public record DeadLetterView(
        String id,
        String sequence,
        long indexInSequence,
        String aggregateId,
        Long aggregateSequenceNumber,
        String eventType,
        Long position,
        String eventTimestamp,
        String enqueuedAt,
        String lastTouched,
        String causeType,
        String causeMessage) {
}
