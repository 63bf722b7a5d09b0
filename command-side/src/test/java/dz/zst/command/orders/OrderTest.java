package dz.zst.command.orders;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dz.zst.command.shared.AggregateRepositories;
import dz.zst.domain.orders.Customer;
import dz.zst.domain.orders.OrderCommands.CancelOrderCommand;
import dz.zst.domain.orders.OrderCommands.ChangeOrderStatusCommand;
import dz.zst.domain.orders.OrderEvents.OrderCancelledEvent;
import dz.zst.domain.orders.OrderEvents.OrderConfirmedEvent;
import dz.zst.domain.orders.OrderEvents.OrderDeliveredEvent;
import dz.zst.domain.orders.OrderEvents.OrderPaidEvent;
import dz.zst.domain.orders.OrderEvents.OrderPlacedEvent;
import dz.zst.domain.orders.OrderEvents.OrderProcessingStartedEvent;
import dz.zst.domain.orders.OrderEvents.OrderReturnedEvent;
import dz.zst.domain.orders.OrderEvents.OrderShipmentDetailsChangedEvent;
import dz.zst.domain.orders.OrderEvents.OrderShippedEvent;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderLine;
import dz.zst.domain.orders.OrderStatus;
import dz.zst.domain.orders.PaymentMethod;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Order aggregate's rules (API.md §6), driven through {@link OrderDesk} as in production: the
 * status machine, who may move and cancel, payment on delivery, and which moves give stock back.
 */
class OrderTest {

    private static final OrderId ID = new OrderId(UUID.fromString("6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"));
    private static final Actor BUYER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final Actor SELLER = new Actor(new UserId(UUID.randomUUID()), Role.SELLER, SellerCategory.FOURNISSEUR);
    private static final Actor OTHER_SELLER = new Actor(new UserId(UUID.randomUUID()), Role.SELLER,
            SellerCategory.FOURNISSEUR);
    private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("item-1", new ProductId(UUID.randomUUID()), "Oud", null, 2, new BigDecimal("2500"),
                    new BigDecimal("5000")),
            new OrderLine("item-2", new ProductId(UUID.randomUUID()), "Musc", null, 1, new BigDecimal("1200"),
                    new BigDecimal("1200")));

    private AggregateTestFixture<Order> fixture;
    private StockLedger stock;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        stock = mock(StockLedger.class);
        Repository<Order> orders = fixture.getRepository();
        fixture.registerAnnotatedCommandHandler(new OrderDesk(new AggregateRepositories() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> of(Class<T> type) {
                return (Repository<T>) orders;
            }
        }, stock));
    }

    static OrderPlacedEvent placed(PaymentMethod method) {
        return new OrderPlacedEvent(ID, "ZST-261123-000001", "checkout-1", BUYER.userId(), SELLER.userId(),
                new Customer("Amina Benali", null, "0555123456", "12 rue Didouche Mourad", "16", "Alger"), null,
                method, LINES, new BigDecimal("6200"), new BigDecimal("500"), new BigDecimal("6700"), null);
    }

    /** The events that bring a cod order to {@code status}. */
    private static Object[] historyTo(OrderStatus status) {
        return switch (status) {
            case PENDING -> new Object[] {placed(PaymentMethod.COD)};
            case CONFIRMED -> new Object[] {placed(PaymentMethod.COD), new OrderConfirmedEvent(ID)};
            case PROCESSING -> new Object[] {placed(PaymentMethod.COD), new OrderConfirmedEvent(ID),
                new OrderProcessingStartedEvent(ID)};
            case SHIPPED -> new Object[] {placed(PaymentMethod.COD), new OrderConfirmedEvent(ID),
                new OrderProcessingStartedEvent(ID), new OrderShippedEvent(ID)};
            case DELIVERED -> new Object[] {placed(PaymentMethod.COD), new OrderConfirmedEvent(ID),
                new OrderProcessingStartedEvent(ID), new OrderShippedEvent(ID), new OrderDeliveredEvent(ID),
                new OrderPaidEvent(ID, PaymentMethod.COD, new BigDecimal("6700"))};
            case CANCELLED -> new Object[] {placed(PaymentMethod.COD), new OrderCancelledEvent(ID, OrderStatus.PENDING)};
            case RETURNED -> new Object[] {placed(PaymentMethod.COD), new OrderConfirmedEvent(ID),
                new OrderProcessingStartedEvent(ID), new OrderShippedEvent(ID), new OrderReturnedEvent(ID, OrderStatus.SHIPPED)};
        };
    }

    private static ChangeOrderStatusCommand move(Actor actor, OrderStatus to) {
        return new ChangeOrderStatusCommand(ID, actor, to, null, null);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"PENDING, CONFIRMED", "CONFIRMED, PROCESSING", "PROCESSING, SHIPPED", "SHIPPED, DELIVERED"})
    void sellerMovesOrderForward(OrderStatus from, OrderStatus to) {
        Object expected = switch (to) {
            case CONFIRMED -> new OrderConfirmedEvent(ID);
            case PROCESSING -> new OrderProcessingStartedEvent(ID);
            case SHIPPED -> new OrderShippedEvent(ID);
            default -> new OrderDeliveredEvent(ID);
        };
        var result = fixture.given(historyTo(from)).when(move(SELLER, to)).expectSuccessfulHandlerExecution();
        if (to == OrderStatus.DELIVERED) {
            result.expectEvents(expected, new OrderPaidEvent(ID, PaymentMethod.COD, new BigDecimal("6700")));
        } else {
            result.expectEvents(expected);
        }
        verify(stock, never()).release(any(), any());
    }

    @ParameterizedTest(name = "{0} → {1} gives the stock back")
    @CsvSource({"PENDING, CANCELLED", "CONFIRMED, CANCELLED", "PROCESSING, CANCELLED", "SHIPPED, RETURNED",
        "DELIVERED, RETURNED"})
    void cancellingAndReturningRestock(OrderStatus from, OrderStatus to) {
        Object expected = to == OrderStatus.CANCELLED ? new OrderCancelledEvent(ID, from) : new OrderReturnedEvent(ID, from);
        fixture.given(historyTo(from)).when(move(SELLER, to)).expectEvents(expected);
        verify(stock).release(LINES, ID);
    }

    @ParameterizedTest(name = "{0} → {1} is refused")
    @CsvSource({"PENDING, SHIPPED", "PENDING, DELIVERED", "PENDING, RETURNED", "PENDING, PROCESSING",
        "CONFIRMED, SHIPPED", "CONFIRMED, PENDING", "PROCESSING, DELIVERED", "SHIPPED, CANCELLED",
        "SHIPPED, PROCESSING", "DELIVERED, CANCELLED", "DELIVERED, SHIPPED", "CANCELLED, CONFIRMED",
        "CANCELLED, PENDING", "RETURNED, DELIVERED", "RETURNED, CANCELLED", "PENDING, PENDING", "SHIPPED, SHIPPED"})
    void illegalMovesAreRefusedWithTheContractsMessage(OrderStatus from, OrderStatus to) {
        fixture.given(historyTo(from)).when(move(ADMIN, to))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("Cannot transition from " + from.wire() + " to " + to.wire())
                .expectNoEvents();
        verify(stock, never()).release(any(), any());
    }

    @Test
    void onlyCodOrdersArePaidOnDelivery() {
        OrderPlacedEvent card = placed(PaymentMethod.CARD);
        fixture.given(card, new OrderConfirmedEvent(ID), new OrderProcessingStartedEvent(ID), new OrderShippedEvent(ID))
                .when(move(SELLER, OrderStatus.DELIVERED))
                .expectEvents(new OrderDeliveredEvent(ID));
    }

    @Test
    void shippingRecordsTrackingNumberAndDeliveryDate() {
        Instant date = Instant.parse("2026-12-01T00:00:00Z");
        fixture.given(historyTo(OrderStatus.PROCESSING))
                .when(new ChangeOrderStatusCommand(ID, SELLER, OrderStatus.SHIPPED, " YAL-42 ", date))
                .expectEvents(new OrderShipmentDetailsChangedEvent(ID, "YAL-42", date), new OrderShippedEvent(ID));
    }

    @Test
    void shipmentDetailsAloneMayBeUpdatedWithoutMoving() {
        fixture.given(historyTo(OrderStatus.SHIPPED))
                .when(new ChangeOrderStatusCommand(ID, SELLER, OrderStatus.SHIPPED, "YAL-43", null))
                .expectEvents(new OrderShipmentDetailsChangedEvent(ID, "YAL-43", null));
    }

    @Test
    void rejectsOverlongTrackingNumber() {
        fixture.given(historyTo(OrderStatus.PROCESSING))
                .when(new ChangeOrderStatusCommand(ID, SELLER, OrderStatus.SHIPPED, "x".repeat(101), null))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void theBuyerCannotMoveTheOrder() {
        fixture.given(historyTo(OrderStatus.PENDING)).when(move(BUYER, OrderStatus.CONFIRMED))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    @Test
    void otherSellersDoNotKnowTheOrderExists() {
        fixture.given(historyTo(OrderStatus.PENDING)).when(move(OTHER_SELLER, OrderStatus.CONFIRMED))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void unknownOrdersAreNotFound() {
        fixture.givenNoPriorActivity().when(move(ADMIN, OrderStatus.CONFIRMED)).expectException(NotFoundException.class);
    }

    @Test
    void buyerSellerAndAdminMayCancelWhilePendingOrConfirmed() {
        for (Actor actor : List.of(BUYER, SELLER, ADMIN)) {
            setUp();
            fixture.given(historyTo(OrderStatus.CONFIRMED)).when(new CancelOrderCommand(ID, actor))
                    .expectEvents(new OrderCancelledEvent(ID, OrderStatus.CONFIRMED));
            verify(stock).release(LINES, ID);
        }
    }

    @Test
    void cancelIsRefusedOnceProcessing() {
        fixture.given(historyTo(OrderStatus.PROCESSING)).when(new CancelOrderCommand(ID, BUYER))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("Cannot cancel an order that is processing: only pending or confirmed orders can be cancelled")
                .expectNoEvents();
        verify(stock, never()).release(any(), any());
    }

    @Test
    void strangersCannotCancel() {
        fixture.given(historyTo(OrderStatus.PENDING)).when(new CancelOrderCommand(ID, OTHER_SELLER))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.given(historyTo(OrderStatus.PENDING)).when(new CancelOrderCommand(ID, null))
                .expectException(NotFoundException.class).expectNoEvents();
    }
}
