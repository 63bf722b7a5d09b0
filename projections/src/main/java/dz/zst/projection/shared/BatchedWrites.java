package dz.zst.projection.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes a projection gathers over a batch of events and makes once, just before the batch
 * commits (a reel's counters summed over the batch, its like rows in one statement).
 *
 * <p>When a batch failed and is being applied again one event at a time to find the event at fault
 * (app {@code config.PoisonEvents}), the batch is <em>isolated</em>: what an event gathers is written
 * right after that event is handled, inside that event's savepoint, so a write that fails is blamed
 * on the event that caused it and only that event is set aside as a dead letter.
 */
public final class BatchedWrites {

    private static final String ISOLATED = BatchedWrites.class.getName() + ".isolated";

    private BatchedWrites() {
    }

    /** What one event of an isolated batch has gathered: the resource keys and their writers. */
    private record Pending(String key, Runnable write) {
    }

    /**
     * The current batch's gathered writes under {@code key}, created by {@code create} on first use
     * and written by {@code write} (with the batch's unit of work) before the batch commits, or
     * after the current event when the batch is isolated.
     */
    public static <T> T gathered(String key, Supplier<T> create, BiConsumer<UnitOfWork<?>, T> write) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException(key + " is gathered only while a batch of events is handled");
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Pending> isolated = root.getResource(ISOLATED);
        return root.getOrComputeResource(key, k -> {
            T created = create.get();
            if (isolated != null) {
                isolated.add(new Pending(k, () -> write.accept(root, created)));
            } else {
                root.onPrepareCommit(unitOfWork -> write.accept(unitOfWork, created));
            }
            return created;
        });
    }

    /** Makes the batch of {@code root} isolated: its events' writes are made event by event. */
    public static void isolate(UnitOfWork<?> root) {
        root.resources().putIfAbsent(ISOLATED, new ArrayList<Pending>());
    }

    public static boolean isolated(UnitOfWork<?> root) {
        return root.resources().containsKey(ISOLATED);
    }

    /** Makes the writes the current event gathered (an isolated batch, after each event). */
    public static void writeEvent(UnitOfWork<?> root) {
        List<Pending> pending = take(root);
        for (Pending write : pending) {
            write.write().run();
        }
    }

    /** Forgets the writes the current event gathered: its savepoint was rolled back. */
    public static void discardEvent(UnitOfWork<?> root) {
        take(root);
    }

    private static List<Pending> take(UnitOfWork<?> root) {
        List<Pending> isolated = root.getResource(ISOLATED);
        if (isolated == null || isolated.isEmpty()) {
            return List.of();
        }
        List<Pending> taken = List.copyOf(isolated);
        isolated.clear();
        taken.forEach(pending -> root.resources().remove(pending.key()));
        return taken;
    }
}
