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
}
