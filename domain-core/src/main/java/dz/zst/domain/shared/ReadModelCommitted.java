package dz.zst.domain.shared;

import java.util.Map;

/**
 * Told, on this node, each time a processing group has committed a batch of events to its read
 * models: lets a writer waiting for its read model (read-your-writes) see at once that its events
 * are folded, without asking the database. Commits on other nodes are not announced; waiters still
 * poll the read model for those.
 */
@FunctionalInterface
public interface ReadModelCommitted {

    /**
     * @param processingGroup the group whose batch committed
     * @param folded          each aggregate of the batch's events, with the global position of its newest event there
     */
    void committed(String processingGroup, Map<String, Long> folded);

    /**
     * Told after a committed batch set events aside as dead letters instead of folding them: their
     * aggregates' rows will not reach those positions until the operators retry them.
     *
     * @param parked each aggregate with the global position of its first event set aside in the batch
     */
    default void deadLettered(String processingGroup, Map<String, Long> parked) {
    }
}
