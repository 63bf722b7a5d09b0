package dz.zst.command.freelance;

import dz.zst.domain.freelance.DeliveryFile;
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
import dz.zst.domain.freelance.PricingTier;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every move of API.md §10 from every status, by each party, and the review's rules. */
class FreelanceOrderTest {

    private static final FreelanceOrderId ID = FreelanceOrderId.random();
    private static final Actor CLIENT = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final Actor FREELANCER = new Actor(new UserId(UUID.randomUUID()), Role.FREELANCER, null);
    private static final Actor STRANGER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);
    private static final OrderParties PARTIES = new OrderParties(ServiceId.random(), "Logo", CLIENT.userId(),
            FREELANCER.userId());
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final List<DeliveryFile> FILES = List.of(new DeliveryFile("https://cdn/f.pdf", "f.pdf",
            "application/pdf"));

    private AggregateTestFixture<FreelanceOrder> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FreelanceOrder.class);
    }

    private static FreelanceOrderPlacedEvent placed() {
        return new FreelanceOrderPlacedEvent(ID, PARTIES, "logo-1", PricingTier.BASIC, new BigDecimal("5000"), 3,
                "Un logo", AT.plusSeconds(3 * 86400));
    }

    /** The events that bring an order to {@code status}. */
    private static List<Object> history(FreelanceOrderStatus status) {
        List<Object> events = new ArrayList<>(List.of(placed()));
        switch (status) {
            case PENDING -> { }
            case CANCELLED -> events.add(new FreelanceOrderCancelledEvent(ID, PARTIES, Party.CLIENT, null));
            default -> {
                events.add(new FreelanceOrderAcceptedEvent(ID, PARTIES, null));
                if (status == FreelanceOrderStatus.ACCEPTED) {
                    break;
                }
                events.add(new FreelanceOrderStartedEvent(ID, PARTIES, null));
                if (status == FreelanceOrderStatus.IN_PROGRESS) {
                    break;
                }
                events.add(new FreelanceOrderDeliveredEvent(ID, PARTIES, FILES, "v1", AT));
                if (status == FreelanceOrderStatus.DELIVERED) {
                    break;
                }
                events.add(status == FreelanceOrderStatus.REVISION_REQUESTED
                        ? new FreelanceOrderRevisionRequestedEvent(ID, PARTIES, "plus de bleu")
                        : new FreelanceOrderCompletedEvent(ID, PARTIES, AT));
            }
        }
        return events;
    }

    private static Object expected(FreelanceOrderStatus target, Party party) {
        return switch (target) {
            case ACCEPTED -> new FreelanceOrderAcceptedEvent(ID, PARTIES, "note");
            case IN_PROGRESS -> new FreelanceOrderStartedEvent(ID, PARTIES, "note");
            case REVISION_REQUESTED -> new FreelanceOrderRevisionRequestedEvent(ID, PARTIES, "note");
            case COMPLETED -> new FreelanceOrderCompletedEvent(ID, PARTIES, AT);
            case CANCELLED -> new FreelanceOrderCancelledEvent(ID, PARTIES, party, "note");
            default -> throw new IllegalStateException(target.toString());
        };
    }

    @Test
    void everyMoveFromEveryStatusByEachPartyIsTakenOrRefusedAsTheMachineSays() {
        Map<Party, Actor> actors = new EnumMap<>(Map.of(Party.CLIENT, CLIENT, Party.FREELANCER, FREELANCER));
        for (FreelanceOrderStatus from : FreelanceOrderStatus.values()) {
            for (FreelanceOrderStatus to : FreelanceOrderStatus.values()) {
                if (to == FreelanceOrderStatus.PENDING || to == FreelanceOrderStatus.DELIVERED) {
                    continue;
                }
                for (Party party : Party.values()) {
                    var result = fixture.given(history(from))
                            .when(new MoveFreelanceOrderCommand(ID, actors.get(party), party, to, "note", AT));
                    if (from.next(party).contains(to)) {
                        result.expectEvents(expected(to, party));
                    } else if (from.canMoveTo(to)) {
                        result.expectException(ForbiddenException.class);
                    } else {
                        result.expectException(BusinessRuleViolationException.class)
                                .expectExceptionMessage("Cannot transition from " + from.wire() + " to " + to.wire());
                    }
                }
            }
        }
    }

    @Test
    void rejectsTheOtherPartyOnARouteAndStrangersAndAdmins() {
        fixture.given(placed())
                .when(new MoveFreelanceOrderCommand(ID, CLIENT, Party.FREELANCER, FreelanceOrderStatus.ACCEPTED, null,
                        AT))
                .expectException(ForbiddenException.class);
        fixture.given(placed())
                .when(new MoveFreelanceOrderCommand(ID, FREELANCER, Party.CLIENT, FreelanceOrderStatus.CANCELLED, null,
                        AT))
                .expectException(ForbiddenException.class);
        fixture.given(placed())
                .when(new MoveFreelanceOrderCommand(ID, ADMIN, Party.FREELANCER, FreelanceOrderStatus.ACCEPTED, null,
                        AT))
                .expectException(ForbiddenException.class);
        fixture.given(placed())
                .when(new MoveFreelanceOrderCommand(ID, STRANGER, Party.CLIENT, FreelanceOrderStatus.CANCELLED, null,
                        AT))
                .expectException(NotFoundException.class);
    }

    @Test
    void deliveredIsReachedOnlyByADeliveryWithItsFiles() {
        fixture.given(history(FreelanceOrderStatus.IN_PROGRESS))
                .when(new MoveFreelanceOrderCommand(ID, FREELANCER, Party.FREELANCER, FreelanceOrderStatus.DELIVERED,
                        null, AT))
                .expectException(IllegalArgumentException.class);
        for (FreelanceOrderStatus from : List.of(FreelanceOrderStatus.IN_PROGRESS,
                FreelanceOrderStatus.REVISION_REQUESTED)) {
            fixture.given(history(from))
                    .when(new DeliverFreelanceOrderCommand(ID, FREELANCER, FILES, "voici", AT))
                    .expectEvents(new FreelanceOrderDeliveredEvent(ID, PARTIES, FILES, "voici", AT));
        }
        for (FreelanceOrderStatus from : List.of(FreelanceOrderStatus.PENDING, FreelanceOrderStatus.ACCEPTED,
                FreelanceOrderStatus.DELIVERED, FreelanceOrderStatus.COMPLETED, FreelanceOrderStatus.CANCELLED)) {
            fixture.given(history(from))
                    .when(new DeliverFreelanceOrderCommand(ID, FREELANCER, FILES, "voici", AT))
                    .expectException(BusinessRuleViolationException.class)
                    .expectExceptionMessage("Cannot transition from " + from.wire() + " to delivered");
        }
        fixture.given(history(FreelanceOrderStatus.IN_PROGRESS))
                .when(new DeliverFreelanceOrderCommand(ID, CLIENT, FILES, "voici", AT))
                .expectException(ForbiddenException.class);
        List<DeliveryFile> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.addAll(FILES);
        }
        fixture.given(history(FreelanceOrderStatus.IN_PROGRESS))
                .when(new DeliverFreelanceOrderCommand(ID, FREELANCER, eleven, null, AT))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void theClientReviewsACompletedOrderOnce() {
        fixture.given(history(FreelanceOrderStatus.COMPLETED))
                .when(new ReviewFreelanceOrderCommand(ID, CLIENT, 5, "Parfait"))
                .expectEvents(new FreelanceOrderReviewedEvent(ID, PARTIES, 5, "Parfait"));
        List<Object> reviewed = history(FreelanceOrderStatus.COMPLETED);
        reviewed.add(new FreelanceOrderReviewedEvent(ID, PARTIES, 5, "Parfait"));
        fixture.given(reviewed)
                .when(new ReviewFreelanceOrderCommand(ID, CLIENT, 4, null))
                .expectException(ConflictException.class);
    }

    @Test
    void rejectsReviewsBeforeCompletedByOthersAndOutOfRange() {
        for (FreelanceOrderStatus status : List.of(FreelanceOrderStatus.PENDING, FreelanceOrderStatus.DELIVERED,
                FreelanceOrderStatus.CANCELLED)) {
            fixture.given(history(status))
                    .when(new ReviewFreelanceOrderCommand(ID, CLIENT, 5, null))
                    .expectException(BusinessRuleViolationException.class);
        }
        fixture.given(history(FreelanceOrderStatus.COMPLETED))
                .when(new ReviewFreelanceOrderCommand(ID, FREELANCER, 5, null))
                .expectException(ForbiddenException.class);
        fixture.given(history(FreelanceOrderStatus.COMPLETED))
                .when(new ReviewFreelanceOrderCommand(ID, STRANGER, 5, null))
                .expectException(NotFoundException.class);
        for (int rating : new int[]{0, 6}) {
            fixture.given(history(FreelanceOrderStatus.COMPLETED))
                    .when(new ReviewFreelanceOrderCommand(ID, CLIENT, rating, null))
                    .expectException(IllegalArgumentException.class);
        }
    }
}
