package dz.zst.app.config;

import dz.zst.domain.shared.EventPositions;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The event stream with each event's own global index in its metadata ({@link EventPositions}),
 * which projections store as a row's position and groups announce as folded.
 *
 * <p>Why: the tracking token a stream event carries is the reader's progress, not the event's
 * place (see {@link EventPositions}); rows that stored it were not the same after a replay (the
 * once-flaky {@code B2BOfferReadApiTest} replay test). The index is read off the difference between consecutive tokens of the stream, so it costs no query: an event
 * that moves the token's index is at the new index; one that does not filled a gap, the highest of
 * the previous token's gaps that the new one lacks (Axon's JDBC engine only ever drops lower gaps
 * along with it: those it truncates past the gap offset or cleans as timed out).
 *
 * <p>The metadata is added on reading, never stored: the event store's rows stay as appended, and
 * the audit-metadata correlation provider copies only its own keys onward.
 */
final class OwnEventPositions extends ForwardingEventStorageEngine {

    OwnEventPositions(EventStorageEngine delegate) {
        super(delegate);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        TrackingToken[] previous = {trackingToken};
        return super.readEvents(trackingToken, mayBlock).map(event -> {
            long position = ownIndex(previous[0], event.trackingToken());
            previous[0] = event.trackingToken();
            return positioned(event, Map.of(EventPositions.KEY, position));
        });
    }

    /** The event with the position in its metadata, still tracked at its token. */
    private static TrackedEventMessage<?> positioned(TrackedEventMessage<?> event, Map<String, Long> position) {
        if (event instanceof GenericTrackedDomainEventMessage<?> domain) {
            return domain.andMetaData(position);
        }
        // EventMessage.andMetaData answers an untracked copy for the other kinds.
        return new GenericTrackedEventMessage<>(event.trackingToken(), event.andMetaData(position));
    }

    /** The global index of the event whose token is {@code current}, read after {@code previous}. */
    static long ownIndex(TrackingToken previous, TrackingToken current) {
        if (previous instanceof GapAwareTrackingToken before && current instanceof GapAwareTrackingToken after
                && after.getIndex() <= before.getIndex()) {
            return before.getGaps().stream()
                    .filter(gap -> !after.getGaps().contains(gap))
                    .max(Long::compare)
                    .orElseThrow(() -> new IllegalStateException(
                            "token " + after + " after " + before + " neither advanced nor filled a gap"));
        }
        return current.position().orElseThrow(() -> new IllegalStateException("token without position: " + current));
    }
}
