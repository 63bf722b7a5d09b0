package dz.zst.command.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dz.zst.command.cart.Cart;
import dz.zst.command.catalog.InsufficientStockException;
import dz.zst.command.catalog.Product;
import dz.zst.command.shared.AggregateRepositories;
import dz.zst.command.shared.StoredSequences;
import dz.zst.domain.cart.CartCommands.AddCartItemCommand;
import dz.zst.domain.cart.CartEvents.CartItemsOrderedEvent;
import dz.zst.domain.catalog.CatalogCommands.CreateProductCommand;
import dz.zst.domain.catalog.CatalogCommands.DeleteProductCommand;
import dz.zst.domain.catalog.CatalogEvents.StockReleasedEvent;
import dz.zst.domain.catalog.CatalogEvents.StockReservedEvent;
import dz.zst.domain.catalog.Category;
import dz.zst.domain.catalog.ProductDetails;
import dz.zst.domain.orders.Customer;
import dz.zst.domain.orders.OrderAccessTokens;
import dz.zst.domain.orders.OrderCommands.CancelOrderCommand;
import dz.zst.domain.orders.OrderCommands.ChangeOrderStatusCommand;
import dz.zst.domain.orders.OrderCommands.CheckoutItem;
import dz.zst.domain.orders.OrderCommands.CheckoutReceipt;
import dz.zst.domain.orders.OrderCommands.PlaceOrdersCommand;
import dz.zst.domain.orders.OrderCommands.PlacedOrder;
import dz.zst.domain.orders.OrderEvents.OrderPlacedEvent;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderStatus;
import dz.zst.domain.orders.PaymentMethod;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout and order moves as a process over several aggregates, on a real (in-memory) Axon
 * configuration: stock is reserved on every product and one order placed per seller in a single
 * unit of work, a refusal stores nothing at all, and cancels and returns give every unit back.
 */
class CheckoutProcessTest {

    private static final Actor SELLER_A = seller(SellerCategory.FOURNISSEUR);
    private static final Actor SELLER_B = seller(SellerCategory.FOURNISSEUR);
    private static final Actor IMPORTATEUR = seller(SellerCategory.IMPORTATEUR);
    private static final Actor BUYER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final Customer ALGER = new Customer("Amina Benali", null, "0555123456",
            "12 rue Didouche Mourad", "16", "Alger");
    private static final Customer ORAN = new Customer("Karim Haddad", null, "0661234567",
            "5 boulevard de la Soummam", "31", "Oran");

    private Configuration axon;
    private final AtomicInteger numbers = new AtomicInteger();

    private static Actor seller(SellerCategory tier) {
        return new Actor(new UserId(UUID.randomUUID()), Role.SELLER, tier);
    }

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Product.class)
                .configureAggregate(Order.class)
                .configureAggregate(Cart.class)
                .registerCommandHandler(c -> new Checkout(ledger(c), this::orderNumbers,
                        new ShippingRates(new BigDecimal("500"), "31=650"), repositories(c),
                        StoredSequences.askingEach(c.eventStore())))
                .registerCommandHandler(c -> new OrderDesk(repositories(c), ledger(c)))
                .buildConfiguration();
        axon.start();
    }

    private List<String> orderNumbers(int count) {
        return IntStream.range(0, count).mapToObj(n -> "ZST-TEST-" + numbers.incrementAndGet()).toList();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    private static AggregateRepositories repositories(Configuration c) {
        return new AggregateRepositories() {
            @Override
            public <T> Repository<T> of(Class<T> type) {
                return c.repository(type);
            }
        };
    }

    private static StockLedger ledger(Configuration c) {
        return new StockLedger(repositories(c), StoredSequences.askingEach(c.eventStore()), productId -> { });
    }

    private ProductId product(Actor seller, int stock, int minimum) {
        ProductId id = ProductId.random();
        ProductDetails details = new ProductDetails("Produit " + id.toString().substring(0, 6), null, null, null,
                Category.PERFUME, null, new BigDecimal("1000.50"), null, minimum, false, false, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        axon.commandGateway().sendAndWait(new CreateProductCommand(id, seller, null, details, stock,
                List.of("https://cdn.zst.test/" + id + ".jpg")));
        return id;
    }

    private ProductId product(Actor seller, int stock) {
        return product(seller, stock, 1);
    }

    private CheckoutReceipt checkout(String checkoutId, Actor buyer, Customer customer, CheckoutItem... items) {
        return axon.commandGateway().sendAndWait(new PlaceOrdersCommand(checkoutId, buyer, customer, null,
                PaymentMethod.COD, List.of(items)));
    }

    private CheckoutReceipt checkout(Actor buyer, CheckoutItem... items) {
        return checkout(UUID.randomUUID().toString(), buyer, ALGER, items);
    }

    private List<Object> events(Object aggregateId) {
        return axon.eventStore().readEvents(aggregateId.toString(), 0).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    private int stock(ProductId productId) {
        int stock = -1;
        for (Object event : events(productId)) {
            if (event instanceof dz.zst.domain.catalog.CatalogEvents.ProductCreatedEvent created) {
                stock = created.stock();
            } else if (event instanceof StockReservedEvent reserved) {
                stock = reserved.remaining();
            } else if (event instanceof StockReleasedEvent released) {
                stock = released.remaining();
            }
        }
        return stock;
    }

    private OrderPlacedEvent placed(OrderId orderId) {
        return (OrderPlacedEvent) events(orderId).get(0);
    }

    @Test
    void placesOneOrderPerSellerAndReservesEveryProductForItsOrder() {
        ProductId a1 = product(SELLER_A, 10);
        ProductId a2 = product(SELLER_A, 5);
        ProductId b1 = product(SELLER_B, 3);

        CheckoutReceipt receipt = checkout("checkout-1", BUYER, ORAN, new CheckoutItem(a1, 2), new CheckoutItem(b1, 3),
                new CheckoutItem(a2, 1));

        assertThat(receipt.orders()).hasSize(2).allSatisfy(order -> assertThat(order.accessToken()).isNull());
        OrderId orderA = OrderId.forCheckout("checkout-1", SELLER_A.userId());
        OrderId orderB = OrderId.forCheckout("checkout-1", SELLER_B.userId());
        assertThat(receipt.orders()).extracting(PlacedOrder::orderId).containsExactlyInAnyOrder(orderA, orderB);
        OrderPlacedEvent a = placed(orderA);
        assertThat(a.sellerId()).isEqualTo(SELLER_A.userId());
        assertThat(a.buyerId()).isEqualTo(BUYER.userId());
        assertThat(a.items()).extracting(line -> line.productId()).containsExactlyInAnyOrder(a1, a2);
        assertThat(a.subtotal()).isEqualByComparingTo("3001.50");
        assertThat(a.shippingCost()).as("Oran's configured rate").isEqualByComparingTo("650");
        assertThat(a.total()).isEqualByComparingTo("3651.50");
        assertThat(placed(orderB).items()).singleElement().satisfies(line -> {
            assertThat(line.quantity()).isEqualTo(3);
            assertThat(line.productImage()).isEqualTo("https://cdn.zst.test/" + b1 + ".jpg");
        });
        assertThat(a.orderNumber()).isNotEqualTo(placed(orderB).orderNumber());
        assertThat(events(a1)).last().isEqualTo(new StockReservedEvent(a1, 2, 8, orderA.toString()));
        assertThat(events(b1)).last().isEqualTo(new StockReservedEvent(b1, 3, 0, orderB.toString()));
        assertThat(stock(a2)).isEqualTo(4);
    }

    @Test
    void refusesTheWholeCheckoutWhenOneProductLacksStockAndStoresNothing() {
        ProductId plenty = product(SELLER_A, 10);
        ProductId scarce = product(SELLER_B, 1);
        int before = events(plenty).size();

        assertThatThrownBy(() -> checkout(BUYER, new CheckoutItem(plenty, 4), new CheckoutItem(scarce, 2)))
                .isInstanceOf(InsufficientStockException.class)
                .hasMessageContaining(scarce.toString()).hasMessageContaining("1 available, 2 requested");

        assertThat(events(plenty)).hasSize(before);
        assertThat(stock(plenty)).isEqualTo(10);
        assertThat(stock(scarce)).isEqualTo(1);
    }

    @Test
    void refusesProductsTheBuyerCannotSeeOrOrderAndNamesThem() {
        ProductId wholesale = product(IMPORTATEUR, 100);
        ProductId bulk = product(SELLER_A, 100, 10);
        ProductId gone = product(SELLER_A, 100);
        axon.commandGateway().sendAndWait(new DeleteProductCommand(gone, SELLER_A));
        ProductId unknown = ProductId.random();

        assertThatThrownBy(() -> checkout(BUYER, new CheckoutItem(wholesale, 1)))
                .isInstanceOf(BusinessRuleViolationException.class).hasMessage("Product " + wholesale + " not found");
        assertThatThrownBy(() -> checkout(null, new CheckoutItem(wholesale, 1)))
                .isInstanceOf(BusinessRuleViolationException.class).hasMessageContaining(wholesale.toString());
        assertThatThrownBy(() -> checkout(BUYER, new CheckoutItem(gone, 1)))
                .isInstanceOf(BusinessRuleViolationException.class).hasMessage("Product " + gone + " not found");
        assertThatThrownBy(() -> checkout(BUYER, new CheckoutItem(unknown, 1)))
                .isInstanceOf(BusinessRuleViolationException.class).hasMessage("Product " + unknown + " not found");
        assertThatThrownBy(() -> checkout(BUYER, new CheckoutItem(bulk, 9)))
                .isInstanceOf(BusinessRuleViolationException.class).hasMessageContaining("minimum order quantity of 10");
        assertThatThrownBy(() -> checkout(SELLER_A, new CheckoutItem(bulk, 10)))
                .isInstanceOf(BusinessRuleViolationException.class).hasMessageContaining("your own");
        assertThatThrownBy(() -> checkout(BUYER, new CheckoutItem(bulk, 10), new CheckoutItem(bulk, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than once");
        assertThatThrownBy(() -> checkout(BUYER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 item");
        assertThat(stock(bulk)).isEqualTo(100);
    }

    @Test
    void aCheckoutPlacedTwiceCreatesNothingTheSecondTime() {
        ProductId product = product(SELLER_A, 10);
        checkout("same-checkout", BUYER, ALGER, new CheckoutItem(product, 2));

        assertThatThrownBy(() -> checkout("same-checkout", BUYER, ALGER, new CheckoutItem(product, 2)))
                .isInstanceOf(ConflictException.class);
        assertThat(stock(product)).isEqualTo(8);
    }

    @Test
    void guestsGetAnAccessTokenOfWhichOnlyTheHashIsStored() {
        ProductId product = product(SELLER_A, 10);
        PlacedOrder order = checkout(null, new CheckoutItem(product, 1)).orders().get(0);

        assertThat(order.accessToken()).hasSizeGreaterThanOrEqualTo(43);
        OrderPlacedEvent placed = placed(order.orderId());
        assertThat(placed.buyerId()).isNull();
        assertThat(placed.accessTokenHash()).isEqualTo(OrderAccessTokens.hash(order.accessToken()))
                .isNotEqualTo(order.accessToken());
        assertThat(placed.shippingCost()).as("flat rate").isEqualByComparingTo("500");
    }

    @Test
    void cancellingGivesEveryUnitBackEvenWhenAProductWasDeletedMeanwhile() {
        ProductId kept = product(SELLER_A, 10);
        ProductId deleted = product(SELLER_A, 10);
        OrderId order = checkout(BUYER, new CheckoutItem(kept, 3), new CheckoutItem(deleted, 2)).orders().get(0).orderId();
        axon.commandGateway().sendAndWait(new DeleteProductCommand(deleted, SELLER_A));

        axon.commandGateway().sendAndWait(new CancelOrderCommand(order, BUYER));

        assertThat(events(kept)).last().isEqualTo(new StockReleasedEvent(kept, 3, 10, order.toString()));
        assertThat(stock(deleted)).as("a deleted product keeps no stock to give back to").isEqualTo(8);
    }

    @Test
    void aReturnGivesTheUnitsBackAndOtherMovesDoNot() {
        ProductId product = product(SELLER_A, 10);
        OrderId order = checkout(BUYER, new CheckoutItem(product, 4)).orders().get(0).orderId();
        for (OrderStatus status : List.of(OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED,
                OrderStatus.DELIVERED)) {
            axon.commandGateway().sendAndWait(new ChangeOrderStatusCommand(order, SELLER_A, status, null, null));
            assertThat(stock(product)).isEqualTo(6);
        }

        axon.commandGateway().sendAndWait(new ChangeOrderStatusCommand(order, SELLER_A, OrderStatus.RETURNED, null, null));

        assertThat(stock(product)).isEqualTo(10);
    }

    @Test
    void theOrderedProductsLeaveTheBuyersCartInTheSameUnitOfWork() {
        ProductId ordered = product(SELLER_A, 10);
        ProductId kept = product(SELLER_B, 10);
        String orderedItem = UUID.randomUUID().toString();
        axon.commandGateway().sendAndWait(new AddCartItemCommand(BUYER.userId(), BUYER, orderedItem, ordered,
                SELLER_A.userId(), 2));
        axon.commandGateway().sendAndWait(new AddCartItemCommand(BUYER.userId(), BUYER, UUID.randomUUID().toString(), kept,
                SELLER_B.userId(), 1));

        checkout("checkout-cart", BUYER, ALGER, new CheckoutItem(ordered, 1));

        assertThat(events(dz.zst.domain.cart.CartId.of(BUYER.userId()))).last()
                .isEqualTo(new CartItemsOrderedEvent(BUYER.userId(), List.of(orderedItem), "checkout-cart"));
    }
}
