package dz.zst.command.cart;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import dz.zst.domain.shared.UserId;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A buyer's cart: one per user, created by its first item. Holds each product once (adding it again
 * adds to that item's quantity), and lets checkout take the ordered products out in the checkout's
 * own unit of work ({@link #removeOrderedProducts}).
 */
@Aggregate(repository = "cartRepository")
public class Cart {

    static final int MAX_ITEMS = 100;
    static final int MAX_QUANTITY = 10_000;

    private record Item(ProductId productId, int quantity) {
    }

    @AggregateIdentifier
    private CartId id;
    private UserId buyer;
    private final Map<String, Item> items = new LinkedHashMap<>();

    protected Cart() {
    }

    /** Answers the id of the item now holding the product: the existing one when it was already in the cart. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(AddCartItemCommand command) {
        requireBuyer(command.actor(), command.cartId());
        requireQuantity(command.quantity());
        Objects.requireNonNull(command.productId(), "product id");
        Objects.requireNonNull(command.sellerId(), "seller id");
        String existing = itemOf(command.productId());
        if (existing != null) {
            int total = items.get(existing).quantity() + command.quantity();
            if (total > MAX_QUANTITY) {
                throw new BusinessRuleViolationException("A cart item holds at most " + MAX_QUANTITY + " units");
            }
            apply(new CartItemAddedEvent(command.cartId(), existing, command.productId(), command.sellerId(),
                    command.quantity(), total));
            return existing;
        }
        if (items.size() >= MAX_ITEMS) {
            throw new BusinessRuleViolationException("A cart holds at most " + MAX_ITEMS + " different products");
        }
        String itemId = requireItemId(command.itemId());
        apply(new CartItemAddedEvent(command.cartId(), itemId, command.productId(), command.sellerId(),
                command.quantity(), command.quantity()));
        return itemId;
    }

    @CommandHandler
    public void handle(ChangeCartItemQuantityCommand command) {
        requireBuyer(command.actor(), command.cartId());
        requireQuantity(command.quantity());
        Item item = existingItem(command.itemId());
        if (item.quantity() != command.quantity()) {
            apply(new CartItemQuantityChangedEvent(buyer, command.itemId(), item.productId(), command.quantity()));
        }
    }

    @CommandHandler
    public void handle(RemoveCartItemCommand command) {
        requireBuyer(command.actor(), command.cartId());
        Item item = existingItem(command.itemId());
        apply(new CartItemRemovedEvent(buyer, command.itemId(), item.productId()));
    }

    /** Answers the number of items removed. */
    @CommandHandler
    public int handle(ClearCartCommand command) {
        requireBuyer(command.actor(), command.cartId());
        int removed = items.size();
        if (removed > 0) {
            apply(new CartClearedEvent(buyer, List.copyOf(items.keySet())));
        }
        return removed;
    }

    /**
     * Checkout's part of the cart: the ordered products leave it. Called on a loaded cart inside the
     * checkout's unit of work, so the order and the cart change together. Products not in the cart
     * are ignored; when none is, nothing is applied.
     *
     * @param reference names the checkout (for the audit trail)
     */
    public void removeOrderedProducts(Collection<ProductId> productIds, String reference) {
        Set<ProductId> ordered = new HashSet<>(productIds);
        List<String> itemIds = items.entrySet().stream()
                .filter(entry -> ordered.contains(entry.getValue().productId()))
                .map(Map.Entry::getKey)
                .toList();
        if (!itemIds.isEmpty()) {
            apply(new CartItemsOrderedEvent(buyer, itemIds, reference));
        }
    }

    @EventSourcingHandler
    void on(CartItemAddedEvent event) {
        if (id == null) {
            id = CartId.of(event.cartId());
            buyer = event.cartId();
        }
        items.put(event.itemId(), new Item(event.productId(), event.totalQuantity()));
    }

    @EventSourcingHandler
    void on(CartItemQuantityChangedEvent event) {
        items.computeIfPresent(event.itemId(), (itemId, item) -> new Item(item.productId(), event.quantity()));
    }

    @EventSourcingHandler
    void on(CartItemRemovedEvent event) {
        items.remove(event.itemId());
    }

    @EventSourcingHandler
    void on(CartClearedEvent event) {
        event.itemIds().forEach(items::remove);
    }

    @EventSourcingHandler
    void on(CartItemsOrderedEvent event) {
        event.itemIds().forEach(items::remove);
    }

    private String itemOf(ProductId productId) {
        for (Map.Entry<String, Item> entry : items.entrySet()) {
            if (entry.getValue().productId().equals(productId)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private Item existingItem(String itemId) {
        Item item = itemId == null ? null : items.get(itemId);
        if (item == null) {
            throw new NotFoundException("Cart item not found");
        }
        return item;
    }

    /** A cart is its buyer's alone; the API only ever sends the caller's own cart id. */
    private void requireBuyer(Actor actor, UserId cartId) {
        Objects.requireNonNull(cartId, "cart id");
        if (actor == null || !actor.is(cartId) || buyer != null && !buyer.equals(cartId)) {
            throw new ForbiddenException("A cart can only be changed by its owner");
        }
    }

    private static void requireQuantity(int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must not be less than 1");
        }
        if (quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must not be greater than " + MAX_QUANTITY);
        }
    }

    private static String requireItemId(String itemId) {
        try {
            return UUID.fromString(itemId).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("item id must be a UUID");
        }
    }

    @Override
    public String toString() {
        return "Cart[" + Objects.toString(id) + "]";
    }
}
