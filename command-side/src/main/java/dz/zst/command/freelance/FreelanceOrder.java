package dz.zst.command.freelance;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dz.zst.domain.freelance.FreelanceCommands.DeliverFreelanceOrderCommand;
import dz.zst.domain.freelance.FreelanceCommands.MoveFreelanceOrderCommand;
import dz.zst.domain.freelance.FreelanceCommands.ReviewFreelanceOrderCommand;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderAcceptedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderCancelledEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderCompletedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderDeliveredEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderPlacedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderReviewedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderRevisionRequestedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderStartedEvent;
import dz.zst.domain.freelance.FreelanceEvents.OrderParties;
import dz.zst.domain.freelance.FreelanceOrderId;
import dz.zst.domain.freelance.FreelanceOrderStatus;
import dz.zst.domain.freelance.FreelanceOrderStatus.Party;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.NotFoundException;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An order of a freelance service between a client and the service's freelancer (API.md §10). Each
 * move belongs to one party ({@link FreelanceOrderStatus#next}): the other party is refused (403), a
 * move the status machine does not have is a 400 {@code Cannot transition from X to Y}; anyone who
 * is neither party does not see the order (404), an admin sees it but moves nothing.
 */
@Aggregate
public class FreelanceOrder {

    static final int MAX_DELIVERY_FILES = 10;

    @AggregateIdentifier
    private FreelanceOrderId id;
    private OrderParties parties;
    private FreelanceOrderStatus status;
    private boolean reviewed;

    protected FreelanceOrder() {
    }

    /** Placed by {@link FreelanceOrdering}, which priced it from the service. */
    FreelanceOrder(FreelanceOrderPlacedEvent placed) {
        apply(placed);
    }

    @CommandHandler
    public void handle(MoveFreelanceOrderCommand command) {
        Party party = requireParty(command.actor(), command.party());
        FreelanceOrderStatus target = command.status();
        requireMove(party, target);
        if (target == FreelanceOrderStatus.DELIVERED) {
            throw new IllegalArgumentException("status delivered is set by POST /api/v1/freelancer/orders/"
                    + id + "/deliver, with the delivered files");
        }
        String note = command.note();
        switch (target) {
            case ACCEPTED -> apply(new FreelanceOrderAcceptedEvent(id, parties, note));
            case IN_PROGRESS -> apply(new FreelanceOrderStartedEvent(id, parties, note));
            case REVISION_REQUESTED -> apply(new FreelanceOrderRevisionRequestedEvent(id, parties, note));
            case COMPLETED -> apply(new FreelanceOrderCompletedEvent(id, parties, command.at()));
            case CANCELLED -> apply(new FreelanceOrderCancelledEvent(id, parties, party, note));
            default -> throw transition(target);
        }
    }

    @CommandHandler
    public void handle(DeliverFreelanceOrderCommand command) {
        Party party = requireParty(command.actor(), Party.FREELANCER);
        requireMove(party, FreelanceOrderStatus.DELIVERED);
        if (command.files().size() > MAX_DELIVERY_FILES) {
            throw new IllegalArgumentException("files must contain at most " + MAX_DELIVERY_FILES + " files");
        }
        apply(new FreelanceOrderDeliveredEvent(id, parties, command.files(), command.message(), command.at()));
    }

    @CommandHandler
    public void handle(ReviewFreelanceOrderCommand command) {
        requireParty(command.actor(), Party.CLIENT);
        if (command.rating() < 1 || command.rating() > 5) {
            throw new IllegalArgumentException("rating must be between 1 and 5");
        }
        if (status != FreelanceOrderStatus.COMPLETED) {
            throw new BusinessRuleViolationException("Only a completed order can be reviewed; this one is "
                    + status.wire());
        }
        if (reviewed) {
            throw new ConflictException("This order has already been reviewed");
        }
        apply(new FreelanceOrderReviewedEvent(id, parties, command.rating(), command.review()));
    }

    /**
     * The actor's side of this order, which must be {@code expected}: the other side and admins are
     * refused (403), anyone else does not see the order (404).
     */
    private Party requireParty(Actor actor, Party expected) {
        Party party = actor == null ? null : actor.is(parties.clientId()) ? Party.CLIENT
                : actor.is(parties.freelancerId()) ? Party.FREELANCER : null;
        if (party == null && (actor == null || !actor.isAdmin())) {
            throw new NotFoundException("Freelance order " + id + " not found");
        }
        if (party != expected) {
            throw new ForbiddenException("Only the order's " + expected.wire() + " can do this");
        }
        return party;
    }

    /** The status machine first (400), then whose move it is (403). */
    private void requireMove(Party party, FreelanceOrderStatus target) {
        if (!status.canMoveTo(target)) {
            throw transition(target);
        }
        if (!status.next(party).contains(target)) {
            Party other = party == Party.CLIENT ? Party.FREELANCER : Party.CLIENT;
            throw new ForbiddenException("Only the order's " + other.wire() + " can move it from " + status.wire()
                    + " to " + target.wire());
        }
    }

    private BusinessRuleViolationException transition(FreelanceOrderStatus target) {
        return new BusinessRuleViolationException("Cannot transition from " + status.wire() + " to " + target.wire());
    }

    @EventSourcingHandler
    void on(FreelanceOrderPlacedEvent event) {
        id = event.orderId();
        parties = event.parties();
        status = FreelanceOrderStatus.PENDING;
    }

    @EventSourcingHandler
    void on(FreelanceOrderAcceptedEvent event) {
        status = FreelanceOrderStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(FreelanceOrderStartedEvent event) {
        status = FreelanceOrderStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(FreelanceOrderDeliveredEvent event) {
        status = FreelanceOrderStatus.DELIVERED;
    }

    @EventSourcingHandler
    void on(FreelanceOrderRevisionRequestedEvent event) {
        status = FreelanceOrderStatus.REVISION_REQUESTED;
    }

    @EventSourcingHandler
    void on(FreelanceOrderCompletedEvent event) {
        status = FreelanceOrderStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(FreelanceOrderCancelledEvent event) {
        status = FreelanceOrderStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(FreelanceOrderReviewedEvent event) {
        reviewed = true;
    }

    @Override
    public String toString() {
        return "FreelanceOrder[" + Objects.toString(id) + "]";
    }
}
