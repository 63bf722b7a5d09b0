package dz.zst.command.shared;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The sequence number of each aggregate's newest stored event, for commands that must know, before
 * deciding, whether a stream exists (an order a checkout would create) or whether this node's cached
 * copy of an aggregate is still the newest (a product another node may have moved). Asked for all
 * the aggregates of a command at once: a checkout asked for each product, each order and the cart,
 * one statement apiece, about five per checkout.
 */
@FunctionalInterface
public interface StoredSequences {

    /** Aggregates with no stored event are left out. Events staged in the current unit of work are not counted. */
    Map<String, Long> newest(Collection<String> aggregateIds);

    /**
     * One question per aggregate, through Axon's own {@link EventStore#lastSequenceNumberFor}: for
     * event stores without the JDBC table ({@link JdbcStoredSequences}), such as the in-memory store of
     * process tests. Unlike the JDBC lookup, it counts the current unit of work's staged events too.
     */
    static StoredSequences askingEach(EventStore eventStore) {
        return aggregateIds -> {
            Map<String, Long> newest = new HashMap<>();
            aggregateIds.forEach(id -> eventStore.lastSequenceNumberFor(id).ifPresent(seq -> newest.put(id, seq)));
            return newest;
        };
    }
}
