package dz.zst.command.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.domain.cart.CartCommands.AddCartItemCommand;
import dz.zst.domain.cart.CartCommands.ChangeCartItemQuantityCommand;
import dz.zst.domain.cart.CartCommands.ClearCartCommand;
import dz.zst.domain.cart.CartCommands.RemoveCartItemCommand;
import dz.zst.domain.cart.CartEvents.CartClearedEvent;
import dz.zst.domain.cart.CartEvents.CartItemAddedEvent;
import dz.zst.domain.cart.CartEvents.CartItemQuantityChangedEvent;
import dz.zst.domain.cart.CartEvents.CartItemRemovedEvent;
import dz.zst.domain.cart.CartEvents.CartItemsOrderedEvent;
import dz.zst.domain.cart.CartId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CartTest {

    private static final UserId BUYER = new UserId(UUID.fromString("6b0c3a52-1f1e-4a43-9a53-3c1f6f0d2a10"));
    private static final Actor ACTOR = new Actor(BUYER, Role.CUSTOMER, null);
    private static final Actor STRANGER = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);
    private static final UserId SELLER = new UserId(UUID.randomUUID());
    private static final ProductId OUD = ProductId.random();
    private static final ProductId MUSK = ProductId.random();
    private static final ProductId AMBER = ProductId.random();
    private static final String ITEM_1 = "0d5e1c7a-8a36-4b5e-9c0e-1f1c6d0b7a01";
    private static final String ITEM_2 = "0d5e1c7a-8a36-4b5e-9c0e-1f1c6d0b7a02";
    private static final String ITEM_3 = "0d5e1c7a-8a36-4b5e-9c0e-1f1c6d0b7a03";

    /**
     * Stands in for the checkout: another handler that loads the cart inside its own unit of work
     * and takes the ordered products out of it, as the order side does.
     */
    record CheckoutCommand(@TargetAggregateIdentifier String orderId, UserId buyer, List<ProductId> productIds) {
    }

    static final class Checkout {
        private final Repository<Cart> carts;

        Checkout(Repository<Cart> carts) {
            this.carts = carts;
        }

        @CommandHandler
        void handle(CheckoutCommand command) {
            carts.load(CartId.of(command.buyer()).toString())
                    .execute(cart -> cart.removeOrderedProducts(command.productIds(), command.orderId()));
        }
    }

    private FixtureConfiguration<Cart> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cart.class);
        fixture.registerAnnotatedCommandHandler(new Checkout(fixture.getRepository()));
    }

    private static CartItemAddedEvent added(String itemId, ProductId product, int quantity) {
        return new CartItemAddedEvent(BUYER, itemId, product, SELLER, quantity, quantity);
    }

    private static AddCartItemCommand add(String itemId, ProductId product, int quantity) {
        return new AddCartItemCommand(BUYER, ACTOR, itemId, product, SELLER, quantity);
    }

    @Test
    void firstItemCreatesTheCartInAStreamOfItsOwn() {
        fixture.givenNoPriorActivity()
                .when(add(ITEM_1, OUD, 2))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ITEM_1)
                .expectEvents(added(ITEM_1, OUD, 2))
                .expectState(cart -> assertThat(cart.toString()).contains(CartId.of(BUYER).toString()));
        assertThat(CartId.of(BUYER).toString()).isNotEqualTo(BUYER.toString());
        assertThat(CartId.of(BUYER)).isEqualTo(CartId.of(new UserId(BUYER.value())));
    }

    @Test
    void addingAProductAlreadyInTheCartMergesIntoTheSameItem() {
        fixture.given(added(ITEM_1, OUD, 2))
                .when(add(ITEM_2, OUD, 3))
                .expectResultMessagePayload(ITEM_1)
                .expectEvents(new CartItemAddedEvent(BUYER, ITEM_1, OUD, SELLER, 3, 5));
    }

    @Test
    void mergedQuantitiesAddUpOverSeveralAdds() {
        fixture.given(added(ITEM_1, OUD, 2), new CartItemAddedEvent(BUYER, ITEM_1, OUD, SELLER, 3, 5))
                .when(add(ITEM_2, OUD, 1))
                .expectEvents(new CartItemAddedEvent(BUYER, ITEM_1, OUD, SELLER, 1, 6));
    }

    @Test
    void anotherProductGetsItsOwnItem() {
        fixture.given(added(ITEM_1, OUD, 2))
                .when(add(ITEM_2, MUSK, 1))
                .expectResultMessagePayload(ITEM_2)
                .expectEvents(added(ITEM_2, MUSK, 1));
    }

    @Test
    void rejectsQuantityBelowOne() {
        fixture.givenNoPriorActivity()
                .when(add(ITEM_1, OUD, 0))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
        fixture.given(added(ITEM_1, OUD, 2))
                .when(new ChangeCartItemQuantityCommand(BUYER, ACTOR, ITEM_1, -1))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsMergeBeyondTheUnitCap() {
        fixture.given(added(ITEM_1, OUD, Cart.MAX_QUANTITY))
                .when(add(ITEM_2, OUD, 1))
                .expectException(BusinessRuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsANewProductInAFullCart() {
        List<Object> full = new ArrayList<>();
        for (int i = 0; i < Cart.MAX_ITEMS; i++) {
            full.add(added(UUID.randomUUID().toString(), ProductId.random(), 1));
        }
        fixture.given(full)
                .when(add(ITEM_1, OUD, 1))
                .expectException(BusinessRuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aFullCartStillTakesMoreOfAProductItHolds() {
        List<Object> full = new ArrayList<>();
        for (int i = 0; i < Cart.MAX_ITEMS - 1; i++) {
            full.add(added(UUID.randomUUID().toString(), ProductId.random(), 1));
        }
        full.add(added(ITEM_1, OUD, 1));
        fixture.given(full)
                .when(add(ITEM_2, OUD, 1))
                .expectEvents(new CartItemAddedEvent(BUYER, ITEM_1, OUD, SELLER, 1, 2));
    }

    @Test
    void rejectsAnItemIdThatIsNotAUuid() {
        fixture.givenNoPriorActivity()
                .when(add("item-1", OUD, 1))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void onlyTheOwnerChangesACart() {
        fixture.givenNoPriorActivity()
                .when(new AddCartItemCommand(BUYER, STRANGER, ITEM_1, OUD, SELLER, 1))
                .expectException(ForbiddenException.class);
        fixture.given(added(ITEM_1, OUD, 2))
                .when(new RemoveCartItemCommand(BUYER, STRANGER, ITEM_1))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void changesTheQuantityOfAnItem() {
        fixture.given(added(ITEM_1, OUD, 2))
                .when(new ChangeCartItemQuantityCommand(BUYER, ACTOR, ITEM_1, 7))
                .expectEvents(new CartItemQuantityChangedEvent(BUYER, ITEM_1, OUD, 7));
    }

    @Test
    void settingTheSameQuantityChangesNothing() {
        fixture.given(added(ITEM_1, OUD, 2))
                .when(new ChangeCartItemQuantityCommand(BUYER, ACTOR, ITEM_1, 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changedQuantityIsWhatTheNextMergeAddsTo() {
        fixture.given(added(ITEM_1, OUD, 2), new CartItemQuantityChangedEvent(BUYER, ITEM_1, OUD, 7))
                .when(add(ITEM_2, OUD, 1))
                .expectEvents(new CartItemAddedEvent(BUYER, ITEM_1, OUD, SELLER, 1, 8));
    }

    @Test
    void removesAnItem() {
        fixture.given(added(ITEM_1, OUD, 2), added(ITEM_2, MUSK, 1))
                .when(new RemoveCartItemCommand(BUYER, ACTOR, ITEM_1))
                .expectEvents(new CartItemRemovedEvent(BUYER, ITEM_1, OUD));
    }

    @Test
    void aRemovedProductComesBackAsANewItem() {
        fixture.given(added(ITEM_1, OUD, 2), new CartItemRemovedEvent(BUYER, ITEM_1, OUD))
                .when(add(ITEM_2, OUD, 1))
                .expectResultMessagePayload(ITEM_2)
                .expectEvents(added(ITEM_2, OUD, 1));
    }

    @Test
    void unknownItemIsNotFound() {
        fixture.given(added(ITEM_1, OUD, 2))
                .when(new RemoveCartItemCommand(BUYER, ACTOR, ITEM_2))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        fixture.given(added(ITEM_1, OUD, 2))
                .when(new ChangeCartItemQuantityCommand(BUYER, ACTOR, ITEM_2, 3))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        fixture.given(added(ITEM_1, OUD, 2), new CartItemRemovedEvent(BUYER, ITEM_1, OUD))
                .when(new ChangeCartItemQuantityCommand(BUYER, ACTOR, ITEM_1, 3))
                .expectException(NotFoundException.class);
    }

    @Test
    void clearRemovesEveryItemAndAnswersHowMany() {
        fixture.given(added(ITEM_1, OUD, 2), added(ITEM_2, MUSK, 1))
                .when(new ClearCartCommand(BUYER, ACTOR))
                .expectResultMessagePayload(2)
                .expectEvents(new CartClearedEvent(BUYER, List.of(ITEM_1, ITEM_2)));
    }

    @Test
    void clearingAnEmptyCartChangesNothing() {
        fixture.given(added(ITEM_1, OUD, 2), new CartClearedEvent(BUYER, List.of(ITEM_1)))
                .when(new ClearCartCommand(BUYER, ACTOR))
                .expectResultMessagePayload(0)
                .expectNoEvents();
    }

    @Test
    void checkoutTakesTheOrderedProductsOut() {
        fixture.given(added(ITEM_1, OUD, 2), added(ITEM_2, MUSK, 1), added(ITEM_3, AMBER, 4))
                .when(new CheckoutCommand("order-ref-1", BUYER, List.of(OUD, AMBER, ProductId.random())))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CartItemsOrderedEvent(BUYER, List.of(ITEM_1, ITEM_3), "order-ref-1"));
    }

    @Test
    void checkoutOfProductsNotInTheCartChangesNothing() {
        fixture.given(added(ITEM_1, OUD, 2), new CartItemRemovedEvent(BUYER, ITEM_1, OUD), added(ITEM_2, MUSK, 1))
                .when(new CheckoutCommand("order-ref-2", BUYER, List.of(OUD, AMBER)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void orderedProductsAreGoneFromTheCart() {
        fixture.given(added(ITEM_1, OUD, 2), new CartItemsOrderedEvent(BUYER, List.of(ITEM_1), "order-ref-3"))
                .when(new RemoveCartItemCommand(BUYER, ACTOR, ITEM_1))
                .expectException(NotFoundException.class);
    }
}
