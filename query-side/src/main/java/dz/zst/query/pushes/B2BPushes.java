package dz.zst.query.pushes;

import dz.zst.domain.b2b.B2BEvents.B2BAuctionEndingSoonEvent;
import dz.zst.domain.b2b.B2BEvents.B2BAuctionWonEvent;
import dz.zst.domain.b2b.B2BEvents.B2BBidPlacedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BNegotiationAcceptedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BOfferClosedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BOfferExpiredEvent;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BOfferView;
import dz.zst.domain.b2b.B2BQueries.FindB2BOfferQuery;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.Rooms;
import dz.zst.query.shared.ReadYourWrites;
import dz.zst.query.shared.Reads;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * B2B pushes to {@code b2b:{offerId}} (API.md §11): {@code b2b:bid} on every accepted bid and
 * {@code b2b:offer-updated {offer}} on every change of the offer's status, quantity or end. Each
 * waits for the b2b read model to fold its event, so the pushed offer is the one a read would show
 * (and shows nothing when the read model set the event aside).
 */
@Component
@ProcessingGroup(LivePushes.B2B_PUSHES)
@DisallowReplay
public class B2BPushes {

    private static final Actor PLATFORM = new Actor(new UserId(new UUID(0, 0)), Role.ADMIN, null);

    private final RealtimeBroadcaster broadcaster;
    private final Reads reads;
    private final ReadYourWrites readModels;

    public B2BPushes(RealtimeBroadcaster broadcaster, Reads reads, ReadYourWrites readModels) {
        this.broadcaster = broadcaster;
        this.reads = reads;
        this.readModels = readModels;
    }

    @EventHandler
    void on(B2BBidPlacedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        B2BOfferView offer = folded(event.offerId(), token);
        if (offer == null) {
            return;
        }
        Map<String, Object> bid = new LinkedHashMap<>();
        bid.put("offerId", event.offerId().toString());
        bid.put("current_bid", offer.currentBid());
        bid.put("highest_bidder_id", offer.highestBidderId());
        bid.put("ends_at", offer.endsAt());
        bid.put("timestamp", at.toString());
        List<String> room = List.of(Rooms.offer(event.offerId().value()));
        broadcaster.emit(room, "b2b:bid", bid);
        broadcaster.emit(room, "b2b:offer-updated", Map.of("offer", offer));
    }

    @EventHandler
    void on(B2BNegotiationAcceptedEvent event, TrackingToken token) throws InterruptedException {
        updated(event.offerId(), token);
    }

    @EventHandler
    void on(B2BOfferClosedEvent event, TrackingToken token) throws InterruptedException {
        updated(event.offerId(), token);
    }

    @EventHandler
    void on(B2BAuctionWonEvent event, TrackingToken token) throws InterruptedException {
        updated(event.offerId(), token);
    }

    @EventHandler
    void on(B2BOfferExpiredEvent event, TrackingToken token) throws InterruptedException {
        updated(event.offerId(), token);
    }

    @EventHandler
    void on(B2BAuctionEndingSoonEvent event, TrackingToken token) throws InterruptedException {
        updated(event.offerId(), token);
    }

    private void updated(B2BOfferId offerId, TrackingToken token) throws InterruptedException {
        B2BOfferView offer = folded(offerId, token);
        if (offer != null) {
            broadcaster.emit(List.of(Rooms.offer(offerId.value())), "b2b:offer-updated", Map.of("offer", offer));
        }
    }

    /** The offer once the b2b read model has folded the event; none when it has not (no push then). */
    private B2BOfferView folded(B2BOfferId offerId, TrackingToken token) throws InterruptedException {
        if (!readModels.foldedForPush(ReadModel.B2B_OFFERS, offerId, token)) {
            return null;
        }
        return reads.ask(new FindB2BOfferQuery(offerId, PLATFORM), B2BOfferView.class);
    }
}
