package dz.zst.domain.cart;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the Cart aggregate. {@code cartId} is the buyer's user id (one cart per user); the
 * command is routed to the cart's own event stream, {@link CartId#of(UserId)}.
 */
public final class CartCommands {
    private CartCommands() {
    }

    /**
     * Puts a product in the cart, or adds to its quantity when it is already there (the item keeps
     * its id). {@code itemId} is the id a new item gets. Answers the id of the item that holds the product.
     */
    public record AddCartItemCommand(UserId cartId, Actor actor, String itemId, ProductId productId,
                                     UserId sellerId, int quantity) {
        @TargetAggregateIdentifier
        public CartId stream() {
            return CartId.of(cartId);
        }
    }

    public record ChangeCartItemQuantityCommand(UserId cartId, Actor actor, String itemId, int quantity) {
        @TargetAggregateIdentifier
        public CartId stream() {
            return CartId.of(cartId);
        }
    }

    public record RemoveCartItemCommand(UserId cartId, Actor actor, String itemId) {
        @TargetAggregateIdentifier
        public CartId stream() {
            return CartId.of(cartId);
        }
    }

    /** Empties the cart. Answers the number of items removed. */
    public record ClearCartCommand(UserId cartId, Actor actor) {
        @TargetAggregateIdentifier
        public CartId stream() {
            return CartId.of(cartId);
        }
    }
}
