package dz.zst.domain.reels;

import java.util.Collection;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Told, on this node, each time the reels group has committed a batch that moved reels' counters:
 * the counters as that batch left them in the read model. A like's answer and its push need the
 * count that includes the like; taking it from here spares each of them a read of the reel's row.
 * Batches on other nodes are not announced; readers there ask the database.
 */
@FunctionalInterface
public interface ReelCountersCommitted {

    /**
     * @param counters each reel whose counters the batch changed, as committed
     * @param folded   the token of the batch's newest event: every event of these reels that it covers
     *                 (ever, not only in this batch) is included in their counters
     */
    void committed(Collection<ReelStats> counters, TrackingToken folded);
}
