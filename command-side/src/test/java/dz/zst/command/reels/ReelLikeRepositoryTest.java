package dz.zst.command.reels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dz.zst.command.shared.UnsnapshottedRepository;
import dz.zst.domain.reels.ReelCommands.LikeReelCommand;
import dz.zst.domain.reels.ReelEvents.ReelLikedEvent;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.UserId;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The like's repository ({@link UnsnapshottedRepository}): loads never ask for a snapshot, an empty
 * stream is created by {@code loadOrCreate} and not found by {@code load}, and only the aggregate's
 * own events are applied.
 */
class ReelLikeRepositoryTest {

    private final AtomicInteger snapshotReads = new AtomicInteger();
    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine() {
        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            snapshotReads.incrementAndGet();
            return super.readSnapshot(aggregateIdentifier);
        }
    };
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
    private final UnsnapshottedRepository<ReelLike> likes =
            UnsnapshottedRepository.of(EventSourcingRepository.builder(ReelLike.class), store);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aStoredLikeLoadsWithItsStateAndNoSnapshotQuery() {
        LikeReelCommand like = like();
        store.publish(new GenericDomainEventMessage<>("ReelLike", like.likeId().toString(), 0,
                new ReelLikedEvent(like.likeId(), like.reelId(), like.userId())));

        assertThatThrownBy(() -> inUnitOfWork(() -> likes.load(like.likeId().toString())
                .handle(new GenericCommandMessage<>(like))))
                .as("the stored like is applied: liking again is refused").isInstanceOf(ConflictException.class);
        assertThat(snapshotReads).hasValue(0);
    }

    @Test
    void aMissingStreamIsCreatedByLoadOrCreateAndNotFoundByLoad() throws Exception {
        String id = like().likeId().toString();

        assertThatThrownBy(() -> inUnitOfWork(() -> likes.load(id)))
                .as("exactly Axon's not-found, which the API answers with 404")
                .isExactlyInstanceOf(AggregateNotFoundException.class);
        Aggregate<ReelLike> created = inUnitOfWork(() -> likes.loadOrCreate(id, ReelLike::new));
        assertThat(created).isNotNull();
        assertThat(created.version()).as("new, not loaded").isNull();
        assertThat(snapshotReads).hasValue(0);
    }

    @Test
    void eventsOfAnotherAggregateTypeUnderTheSameIdAreNotApplied() {
        LikeReelCommand like = like();
        store.publish(new GenericDomainEventMessage<>("Reel", like.likeId().toString(), 0,
                new ReelLikedEvent(like.likeId(), like.reelId(), like.userId())));

        assertThatThrownBy(() -> inUnitOfWork(() -> likes.load(like.likeId().toString())))
                .isInstanceOf(AggregateNotFoundException.class);
    }

    private static LikeReelCommand like() {
        return LikeReelCommand.of(ReelId.random(), new UserId(UUID.randomUUID()));
    }

    private static <R> R inUnitOfWork(Callable<R> work) throws Exception {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return work.call();
        } finally {
            unitOfWork.rollback();
        }
    }
}
