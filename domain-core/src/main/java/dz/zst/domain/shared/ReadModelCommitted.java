package dz.zst.domain.shared;

/**
 * Told, on this node, each time a projection has committed a change to a read model: lets a writer
 * waiting for its read model (read-your-writes) look again at once instead of at its next poll.
 * Commits on other nodes are not announced; waiters still poll for those.
 */
@FunctionalInterface
public interface ReadModelCommitted {
    void committed(ReadModel readModel);
}
