package dz.zst.app.ops;

/** What a retry of a group's dead letters did: sequences tried, folded, and sequences still parked. */
public record DeadLetterRetry(String name, long sequences, long folded, long sequencesLeft) {
}
