package dz.zst.query.pushes;

import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderEvent;
import dz.zst.domain.freelance.FreelanceEvents.OrderParties;
import dz.zst.domain.freelance.FreelanceOrderId;
import dz.zst.domain.freelance.FreelanceQueries.FindFreelanceOrderQuery;
import dz.zst.domain.freelance.FreelanceViews.FreelanceOrderView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import dz.zst.query.freelance.FreelanceQueryHandler;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.Rooms;
import dz.zst.query.shared.ReadYourWrites;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * {@code freelance:order-updated {order}} to {@code user:{clientId}} and {@code user:{freelancerId}}
 * (API.md §11) whenever a freelance order is placed, moves or is reviewed. The order is the read
 * model's, read once the freelance group has folded the event, so the push shows the change.
 */
@Component
@ProcessingGroup(LivePushes.FREELANCE_PUSHES)
@DisallowReplay
public class FreelancePushes {

    /** Pushes read orders as the platform itself: who may receive them is decided by the rooms. */
    private static final Actor PLATFORM = new Actor(new UserId(new UUID(0, 0)), Role.ADMIN, null);

    private final RealtimeBroadcaster broadcaster;
    private final FreelanceQueryHandler freelance;
    private final ReadYourWrites readModels;

    public FreelancePushes(RealtimeBroadcaster broadcaster, FreelanceQueryHandler freelance,
                           ReadYourWrites readModels) {
        this.broadcaster = broadcaster;
        this.freelance = freelance;
        this.readModels = readModels;
    }

    /** Every move of an order, its placing and its review included. */
    @EventHandler
    void on(FreelanceOrderEvent event, TrackingToken token) throws InterruptedException {
        updated(event.orderId(), event.parties(), token);
    }

    /**
     * None when the read model set the event aside as a dead letter (or did not fold it in time): a
     * push would show an order without the change it announces.
     */
    private void updated(FreelanceOrderId orderId, OrderParties parties, TrackingToken token)
            throws InterruptedException {
        if (!readModels.foldedForPush(ReadModel.FREELANCE_ORDERS, orderId, token)) {
            return;
        }
        FreelanceOrderView order = freelance.order(new FindFreelanceOrderQuery(orderId, PLATFORM));
        broadcaster.emit(List.of(Rooms.user(parties.clientId()), Rooms.user(parties.freelancerId())),
                "freelance:order-updated", Map.of("order", order));
    }
}
