package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.domain.shared.EventPositions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/** Each stream event's own index, read off consecutive gap-aware tokens as Axon's JDBC engine makes them. */
class OwnEventPositionsTest {

    private static GapAwareTrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, new TreeSet<>(Set.of(gaps)));
    }

    @Test
    void anEventThatAdvancesTheTokenIsAtItsNewIndex() {
        assertThat(OwnEventPositions.ownIndex(token(10), token(11))).isEqualTo(11);
        assertThat(OwnEventPositions.ownIndex(token(10), token(14, 12L, 13L))).isEqualTo(14);
        assertThat(OwnEventPositions.ownIndex(null, token(7, 3L))).isEqualTo(7);
    }

    @Test
    void anEventThatFillsAGapIsAtThatGapNotAtTheTokensIndex() {
        GapAwareTrackingToken before = token(20, 12L, 15L);
        assertThat(OwnEventPositions.ownIndex(before, before.advanceTo(15, 10_000))).isEqualTo(15);
        assertThat(OwnEventPositions.ownIndex(before, before.advanceTo(12, 10_000))).isEqualTo(12);
    }

    @Test
    void gapsDroppedAlongWithTheFilledOneAreAllBelowIt() {
        // Filled without gaps allowed (an old event), Axon drops every lower gap at the same time.
        GapAwareTrackingToken before = token(20, 3L, 5L, 15L, 18L);
        assertThat(OwnEventPositions.ownIndex(before, before.advanceTo(15, 0))).isEqualTo(15);
    }

    @Test
    void theStreamAddsEachEventsOwnIndexToItsMetadata() {
        InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();
        for (long sequence = 0; sequence < 3; sequence++) {
            store.appendEvents(new GenericDomainEventMessage<>("Reel", "reel-1", sequence, "event " + sequence));
        }
        List<TrackedEventMessage<?>> read = new OwnEventPositions(store).readEvents(null, false)
                .collect(Collectors.toList());

        assertThat(read).extracting(EventPositions::of).containsExactly(0L, 1L, 2L);
        assertThat(read).extracting(TrackedEventMessage::trackingToken)
                .containsExactly(new GlobalSequenceTrackingToken(0), new GlobalSequenceTrackingToken(1),
                        new GlobalSequenceTrackingToken(2));
    }
}
