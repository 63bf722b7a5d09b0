package dz.zst.projection.shared;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The events of the current batch that were set aside as dead letters instead of folded, told by
 * the dead-letter queue as it takes them (app {@code config.PoisonEvents}), so that
 * {@link FoldedEvents} announces them as dead-lettered rather than folded: their writers are then
 * answered at once, and never with a read model that lacks their write.
 */
public final class DeadLettered {

    private static final String RESOURCE = DeadLettered.class.getName();

    private DeadLettered() {
    }

    /** Notes that {@code event} was dead-lettered in the current batch, if one is running. */
    public static void record(EventMessage<?> event) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().<Set<String>>getOrComputeResource(RESOURCE, key -> new HashSet<>())
                    .add(event.getIdentifier());
        }
    }

    static boolean contains(UnitOfWork<?> root, EventMessage<?> event) {
        Set<String> identifiers = root.getResource(RESOURCE);
        return identifiers != null && identifiers.contains(event.getIdentifier());
    }
}
