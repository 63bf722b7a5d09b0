package dz.zst.query.b2b;

import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.domain.b2b.B2BEvents.B2BOfferCreatedEvent;
import dz.zst.domain.b2b.B2BOfferHistory;
import dz.zst.domain.b2b.B2BQueries.FindB2BOfferHistoryQuery;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.AuditMetadata;
import dz.zst.query.shared.EventPayloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * An offer's history read from the event store itself, bid by bid with the actor of each event
 * (API.md §8), as the order history is. Access (owner and admin; anyone else 404) is decided from
 * the offer's first event, so it holds even while the read model rebuilds.
 */
@Component
public class B2BHistoryQueryHandler {

    private final EventStore eventStore;
    private final ObjectMapper json;

    public B2BHistoryQueryHandler(EventStore eventStore, ObjectMapper json) {
        this.eventStore = eventStore;
        this.json = json;
    }

    @QueryHandler
    public B2BOfferHistory history(FindB2BOfferHistoryQuery query) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(query.offerId().toString(), 0).forEachRemaining(events::add);
        Actor viewer = query.viewer();
        if (viewer == null || events.isEmpty()
                || !(events.get(0).getPayload() instanceof B2BOfferCreatedEvent created)
                || !(viewer.isAdmin() || viewer.is(created.sellerId()))) {
            throw B2BQueryHandler.notFound(query.offerId());
        }
        List<B2BOfferHistory.Entry> entries = new ArrayList<>();
        for (DomainEventMessage<?> event : events) {
            entries.add(new B2BOfferHistory.Entry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    event.getTimestamp(), actor(event.getMetaData()), EventPayloads.data(json, event.getPayload())));
        }
        return new B2BOfferHistory(query.offerId().value(), entries);
    }

    private static B2BOfferHistory.Actor actor(Map<String, ?> metadata) {
        Object id = metadata.get(AuditMetadata.ACTOR_ID);
        Object role = metadata.get(AuditMetadata.ACTOR_ROLE);
        return id == null ? null : new B2BOfferHistory.Actor(id.toString(), role == null ? null : role.toString());
    }
}
