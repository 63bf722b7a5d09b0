package dz.zst.command.cart;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.cart.CartCommands.AddCartItemCommand;
import dz.zst.domain.cart.CartCommands.ChangeCartItemQuantityCommand;
import dz.zst.domain.cart.CartCommands.ClearCartCommand;
import dz.zst.domain.cart.CartCommands.RemoveCartItemCommand;
import dz.zst.domain.cart.CartId;
import dz.zst.domain.cart.CartQueries.FindCartItemQuery;
import dz.zst.domain.cart.CartItemView;
import dz.zst.domain.catalog.CatalogQueries.FindProductQuery;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cart writes (API.md §5), each on the caller's own cart. Each answers once the carts read model
 * reflects the write, so the caller's next GET /cart shows it.
 */
@RestController
@RequestMapping("/api/v1/cart")
@Tag(name = "Cart")
public class CartCommandController {

    public record ItemResponse(String message, CartItemView item) {
    }

    public record RemovedResponse(String message, String id) {
    }

    public record ClearedResponse(String message, int itemsRemoved) {
    }

    private final ConsistentWrites writes;

    public CartCommandController(ConsistentWrites writes) {
        this.writes = writes;
    }

    @PostMapping("/items")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Put a product in your cart",
            description = "Adding a product already in the cart adds to that item's quantity (same item id). A product"
                    + " you can't see (API.md §3), deleted or unknown is 404. At most " + Cart.MAX_ITEMS
                    + " different products per cart and " + Cart.MAX_QUANTITY + " units per item (400 beyond).")
    public ItemResponse add(@AuthenticationPrincipal Actor actor, @Validated @RequestBody CartRequests.AddItem body) {
        ProductId productId = ProductId.of(body.productId());
        ProductView product = writes.ask(new FindProductQuery(productId, actor), ProductView.class);
        String itemId = writes.send(new AddCartItemCommand(actor.userId(), actor, UUID.randomUUID().toString(),
                productId, UserId.of(product.sellerId()), body.quantity()), stream(actor), ReadModel.CARTS);
        return new ItemResponse("Product added to cart", item(actor, itemId));
    }

    @PatchMapping("/items/{id}")
    @Operation(summary = "Set the quantity of an item of your cart",
            description = "An id that is not an item of your cart, or whose product is no longer visible, is 404.")
    public ItemResponse changeQuantity(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                       @Validated @RequestBody CartRequests.ChangeQuantity body) {
        String itemId = itemId(id);
        // An item left out of the cart view (its product deleted or hidden) can only be removed.
        item(actor, itemId);
        onExistingCart(() -> writes.send(new ChangeCartItemQuantityCommand(actor.userId(), actor, itemId,
                body.quantity()), stream(actor), ReadModel.CARTS));
        return new ItemResponse("Cart item updated", item(actor, itemId));
    }

    @DeleteMapping("/items/{id}")
    @Operation(summary = "Remove an item from your cart")
    public RemovedResponse remove(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        String itemId = itemId(id);
        onExistingCart(() -> writes.send(new RemoveCartItemCommand(actor.userId(), actor, itemId), stream(actor),
                ReadModel.CARTS));
        return new RemovedResponse("Item removed from cart", itemId);
    }

    @DeleteMapping
    @Operation(summary = "Empty your cart",
            description = "items_removed counts every item taken out, including those the cart view leaves out"
                    + " because their product was deleted or is no longer visible.")
    public ClearedResponse clear(@AuthenticationPrincipal Actor actor) {
        int removed;
        try {
            removed = writes.send(new ClearCartCommand(actor.userId(), actor), stream(actor), ReadModel.CARTS);
        } catch (AggregateNotFoundException e) {
            removed = 0;
        }
        return new ClearedResponse("Cart cleared", removed);
    }

    private CartItemView item(Actor actor, String itemId) {
        return writes.ask(new FindCartItemQuery(actor, itemId), CartItemView.class);
    }

    /** A caller who never put anything in a cart has no cart aggregate: none of its items exist. */
    private static void onExistingCart(Runnable write) {
        try {
            write.run();
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Cart item not found");
        }
    }

    private static String stream(Actor actor) {
        return CartId.of(actor.userId()).toString();
    }

    private static String itemId(String id) {
        return Ids.parse(id, "cart item").toString();
    }
}
