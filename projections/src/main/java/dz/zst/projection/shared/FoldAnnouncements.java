package dz.zst.projection.shared;

import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.ReadModelCommitted;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How a committed fold is told on this node, by the processing groups ({@link FoldedEvents}) and by
 * the folds made in a write's own transaction (messages' {@code ConversationsFoldedAtCommit}) alike:
 * a cached read model's generation bumped first ({@link ReadModel#cached()}), so a writer answered by
 * the announcement knows every cache has been told, and nothing announced when Redis refuses the
 * bump (kept and made on its return, {@link ReadModelGenerations}): the fold's writers then find
 * their rows in the read model. A read model nobody caches is announced without a bump.
 */
@Component
public class FoldAnnouncements {

    private final List<ReadModelCommitted> listeners;
    private final ReadModelGenerations generations;

    public FoldAnnouncements(List<ReadModelCommitted> listeners, ReadModelGenerations generations) {
        this.listeners = List.copyOf(listeners);
        this.generations = generations;
    }

    /**
     * Call after the fold's transaction committed.
     *
     * @param readModel the read model the group folds, null for a group that folds none (pushes)
     * @param folded    each aggregate folded, with the position of its newest event folded
     * @param parked    each aggregate with an event set aside as a dead letter, with the first one's position
     */
    public void committed(String group, ReadModel readModel, Map<String, Long> folded, Map<String, Long> parked) {
        if (readModel != null && readModel.cached() && !generations.bumpNow(readModel)) {
            return;
        }
        Map<String, Long> announced = Map.copyOf(folded);
        listeners.forEach(listener -> listener.committed(group, announced));
        if (!parked.isEmpty()) {
            Map<String, Long> deadLettered = Map.copyOf(parked);
            listeners.forEach(listener -> listener.deadLettered(group, deadLettered));
        }
    }
}
