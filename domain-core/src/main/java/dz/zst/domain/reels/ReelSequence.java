package dz.zst.domain.reels;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * The sequence of the groups that follow a reel rather than an aggregate: the reel an event is about
 * ({@link ReelScoped}), else its aggregate. Likes, comments and views come from streams of their own,
 * so the default policy (per aggregate) spreads one reel's events over every segment. The reels and
 * dashboard read models fold a reel's events on one segment with it (their counter writes would
 * otherwise wait on each other's row locks), and the reel pushes use it too: a reel's pushes go out
 * in the order of its folds, and a push segment waits only on the read model segment of the same
 * number, which config/SegmentShares places on the same node.
 */
public final class ReelSequence {

    public static final SequencingPolicy<EventMessage<?>> PER_REEL = event ->
            event.getPayload() instanceof ReelScoped scoped ? scoped.reelId().value()
                    : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);

    private ReelSequence() {
    }
}
