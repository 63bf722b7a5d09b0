package dz.zst.query.reels;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelStats;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

/** Which events the announced counters include: what their token covers, gaps excluded. */
class FoldedReelCountersTest {

    private final ReelId reel = new ReelId(UUID.randomUUID());

    private ReelStats likes(long count) {
        return new ReelStats(reel.toString(), count, 0, 0);
    }

    @Test
    void includesWhatTheTokenCoversButNotItsGaps() {
        FoldedReelCounters folded = new FoldedReelCounters(100);
        assertThat(folded.including(reel, 10)).isEmpty();

        folded.committed(List.of(likes(3)), GapAwareTrackingToken.newInstance(20, Set.of(15L)));
        assertThat(folded.including(reel, 20)).contains(likes(3));
        assertThat(folded.including(reel, 14)).contains(likes(3));
        assertThat(folded.including(reel, 15)).as("a gap: not folded yet").isEmpty();
        assertThat(folded.including(reel, 21)).isEmpty();
        assertThat(folded.including(reel, -1)).as("position unknown").isEmpty();
        assertThat(folded.including(new ReelId(UUID.randomUUID()), 5)).isEmpty();
    }

    @Test
    void keepsTheNewerEntryAndUnwrapsReplays() {
        FoldedReelCounters folded = new FoldedReelCounters(100);
        folded.committed(List.of(likes(5)), new GlobalSequenceTrackingToken(30));
        folded.committed(List.of(likes(4)), new GlobalSequenceTrackingToken(25));
        assertThat(folded.including(reel, 30)).contains(likes(5));

        // In a replay the counters include what the replay has folded so far: its lower bound.
        FoldedReelCounters replaying = new FoldedReelCounters(100);
        replaying.committed(List.of(likes(1)), ReplayToken.createReplayToken(
                new GlobalSequenceTrackingToken(100), new GlobalSequenceTrackingToken(40)));
        assertThat(replaying.including(reel, 40)).contains(likes(1));
        assertThat(replaying.including(reel, 41)).isEmpty();
    }

    @Test
    void startsOverWhenFull() {
        FoldedReelCounters folded = new FoldedReelCounters(2);
        ReelId other = new ReelId(UUID.randomUUID());
        ReelId third = new ReelId(UUID.randomUUID());
        folded.committed(List.of(likes(1), new ReelStats(other.toString(), 1, 0, 0)), new GlobalSequenceTrackingToken(5));
        folded.committed(List.of(new ReelStats(third.toString(), 2, 0, 0)), new GlobalSequenceTrackingToken(6));
        assertThat(folded.including(reel, 5)).isEmpty();
        assertThat(folded.including(third, 6)).isPresent();
    }
}
