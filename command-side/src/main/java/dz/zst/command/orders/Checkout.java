package dz.zst.command.orders;

import dz.zst.command.cart.Cart;
import dz.zst.command.catalog.Product;
import dz.zst.command.catalog.ProductOffer;
import dz.zst.domain.cart.CartId;
import dz.zst.domain.orders.Customer;
import dz.zst.domain.orders.OrderCommands.CheckoutItem;
import dz.zst.domain.orders.OrderCommands.CheckoutReceipt;
import dz.zst.domain.orders.OrderCommands.PlaceOrdersCommand;
import dz.zst.domain.orders.OrderCommands.PlacedOrder;
import dz.zst.domain.orders.OrderEvents.OrderPlacedEvent;
import dz.zst.domain.orders.OrderAccessTokens;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderLine;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.Money;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import dz.zst.command.shared.AggregateRepositories;
import dz.zst.command.shared.StoredSequences;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * A checkout (API.md §6): every product's stock is taken and one order per seller is placed in a
 * single unit of work, so the event store gets all of it in one transaction or none of it. A
 * refusal (missing or invisible product, minimum quantity, stock) names the product and, since
 * nothing was stored, leaves every stock as it was.
 */
@Component
public class Checkout {

    static final int MAX_ITEMS = 50;

    private final StockLedger stock;
    private final OrderNumbers numbers;
    private final ShippingRates shipping;
    private final AggregateRepositories repositories;
    private final StoredSequences sequences;

    public Checkout(StockLedger stock, OrderNumbers numbers, ShippingRates shipping, AggregateRepositories repositories,
                    StoredSequences sequences) {
        this.stock = stock;
        this.numbers = numbers;
        this.shipping = shipping;
        this.repositories = repositories;
        this.sequences = sequences;
    }

    @CommandHandler
    public CheckoutReceipt handle(PlaceOrdersCommand command) throws Exception {
        List<CheckoutItem> items = validItems(command.items());
        List<ProductId> requested = command.items().stream().map(CheckoutItem::productId).toList();
        if (command.buyer() != null) {
            // before the products are locked: their locks are held until the commit, keep that short
            removeFromCart(command.buyer().userId(), items.stream().map(CheckoutItem::productId).toList(),
                    command.checkoutId());
        }
        Map<ProductId, Aggregate<Product>> products = new LinkedHashMap<>();
        for (CheckoutItem item : items) {
            products.put(item.productId(), stock.load(item.productId()));
        }
        // A product's seller never changes, so even a copy not yet checked names the checkout's orders;
        // then one lookup says whether the products are current and whether the orders already exist.
        Set<String> orderIds = new LinkedHashSet<>();
        products.values().forEach(product -> orderIds.add(
                OrderId.forCheckout(command.checkoutId(), product.invoke(Product::sellerId)).toString()));
        List<String> asked = new ArrayList<>(orderIds);
        products.keySet().forEach(productId -> asked.add(productId.toString()));
        Map<String, Long> stored = sequences.newest(asked);
        stock.ensureCurrent(products, stored);
        if (orderIds.stream().anyMatch(stored::containsKey)) {
            throw new ConflictException("This checkout was already placed");
        }
        Map<UserId, List<ProductOffer>> offersBySeller = new TreeMap<>(Comparator.comparing(UserId::value));
        for (CheckoutItem item : items) {
            ProductOffer offer = stock.offer(products.get(item.productId()), command.buyer(), item.quantity());
            offersBySeller.computeIfAbsent(offer.sellerId(), seller -> new ArrayList<>()).add(offer);
        }
        List<PlacedOrder> placed = new ArrayList<>();
        Iterator<String> orderNumbers = numbers.next(offersBySeller.size()).iterator();
        for (Map.Entry<UserId, List<ProductOffer>> sellerOffers : offersBySeller.entrySet()) {
            OrderId orderId = OrderId.forCheckout(command.checkoutId(), sellerOffers.getKey());
            List<OrderLine> lines = new ArrayList<>();
            for (ProductOffer offer : sellerOffers.getValue()) {
                Money.requireAtMost(offer.subtotal(), Money.MAX_AMOUNT, "items[" + requested.indexOf(offer.productId())
                        + "].quantity", "the largest order amount; the line is quantity × price");
                products.get(offer.productId()).execute(p -> p.reserve(offer.quantity(), orderId.toString()));
                lines.add(new OrderLine(itemId(orderId, offer.productId()), offer.productId(), offer.name(),
                        offer.primaryImage(), offer.quantity(), money(offer.price()), money(offer.subtotal())));
            }
            String accessToken = command.buyer() == null ? OrderAccessTokens.newToken() : null;
            placed.add(new PlacedOrder(orderId, accessToken));
            OrderPlacedEvent event = placedEvent(command, orderId, orderNumbers.next(), sellerOffers.getKey(), lines,
                    accessToken);
            orders().newInstance(() -> new Order(event));
        }
        return new CheckoutReceipt(placed);
    }

    /** The ordered products leave the buyer's cart, in the same transaction as the orders. */
    private void removeFromCart(UserId buyer, Collection<ProductId> ordered, String checkoutId) {
        String cartId = CartId.of(buyer).toString();
        // Asked first: loading a cart that was never created makes Axon log a stack trace, and most
        // buyers check out without ever using the cart.
        if (sequences.newest(List.of(cartId)).isEmpty()) {
            return;
        }
        repositories.of(Cart.class).load(cartId).execute(c -> c.removeOrderedProducts(ordered, checkoutId));
    }

    private OrderPlacedEvent placedEvent(PlaceOrdersCommand command, OrderId orderId, String orderNumber,
                                         UserId sellerId, List<OrderLine> lines, String accessToken) {
        Customer customer = command.customer();
        BigDecimal subtotal = money(lines.stream().map(OrderLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal shippingCost = money(shipping.forWilaya(customer.wilayaCode()));
        Money.requireAtMost(subtotal, Money.MAX_AMOUNT, "items", "the largest order subtotal, per seller");
        Money.requireAtMost(subtotal.add(shippingCost), Money.MAX_AMOUNT, "items",
                "the largest order total, shipping included");
        return new OrderPlacedEvent(orderId, orderNumber, command.checkoutId(),
                command.buyer() == null ? null : command.buyer().userId(), sellerId, customer, command.notes(),
                command.paymentMethod(), lines, subtotal, shippingCost, subtotal.add(shippingCost),
                accessToken == null ? null : OrderAccessTokens.hash(accessToken));
    }

    /** At least one item, at most {@value #MAX_ITEMS}, no product twice; sorted by product id (lock order). */
    private static List<CheckoutItem> validItems(List<CheckoutItem> items) {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("items must contain at least 1 item");
        }
        if (items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("items must contain at most " + MAX_ITEMS + " items");
        }
        Set<ProductId> seen = new HashSet<>();
        for (CheckoutItem item : items) {
            if (item == null || item.productId() == null) {
                throw new IllegalArgumentException("items[].product_id is required");
            }
            if (item.quantity() < 1) {
                throw new IllegalArgumentException("items[].quantity must not be less than 1");
            }
            if (!seen.add(item.productId())) {
                throw new IllegalArgumentException("Product " + item.productId() + " appears more than once in items");
            }
        }
        return items.stream().sorted(Comparator.comparing(item -> item.productId().value())).toList();
    }

    /** Amounts in events carry exactly two decimals, as the read model stores them. */
    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static String itemId(OrderId orderId, ProductId productId) {
        return UUID.nameUUIDFromBytes((orderId + "/" + productId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Repository<Order> orders() {
        return repositories.of(Order.class);
    }
}
