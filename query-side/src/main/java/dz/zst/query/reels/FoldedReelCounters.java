package dz.zst.query.reels;

import dz.zst.domain.reels.ReelCountersCommitted;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelStats;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The reels' counters as this node's reels processor last committed them, each with the token of
 * that batch. A like's answer and its push each need the count that includes the like: when the
 * like's event is covered by the token, the counters here include it and the reel's row need not be
 * read. A reel's events are all folded by one segment, in order (domain-core ReelSequence), and the counters
 * are the row's committed values, so they include every event of the reel the token covers, folded
 * here or, before a segment moved, on another node. Anything not covered (another node folds the
 * reel, the entry was dropped, a gap) is left to the database.
 */
@Component
public class FoldedReelCounters implements ReelCountersCommitted {

    private record Entry(ReelStats counters, TrackingToken folded) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    public FoldedReelCounters(@Value("${zst.reels.folded-counters-max-entries:10000}") int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Override
    public void committed(Collection<ReelStats> counters, TrackingToken folded) {
        TrackingToken token = WrappedToken.unwrapLowerBound(folded);
        if (entries.size() + counters.size() > maxEntries) {
            // Bounded memory without tracking recency on the hot path; a dropped reel reads its row.
            entries.clear();
        }
        for (ReelStats stats : counters) {
            // Batches of one reel commit one after another, but keep the newer entry whatever the
            // order the announcements arrive in.
            entries.merge(stats.reelId(), new Entry(stats, token),
                    (old, fresh) -> index(fresh.folded()) >= index(old.folded()) ? fresh : old);
        }
    }

    /** The reel's committed counters, if they include the event at {@code position}. */
    public Optional<ReelStats> including(ReelId reelId, long position) {
        Entry entry = entries.get(reelId.toString());
        return entry != null && covers(entry.folded(), position) ? Optional.of(entry.counters()) : Optional.empty();
    }

    /**
     * Whether the segment had folded the event at {@code position} when it reached {@code token}: at
     * or below its index, and not one of the gaps it was still waiting for.
     */
    static boolean covers(TrackingToken token, long position) {
        if (position < 0) {
            return false;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return position <= gapAware.getIndex() && !gapAware.getGaps().contains(position);
        }
        return index(token) >= position;
    }

    private static long index(TrackingToken token) {
        return token.position().orElse(-1);
    }
}
