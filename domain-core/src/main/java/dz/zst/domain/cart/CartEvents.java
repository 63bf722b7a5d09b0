package dz.zst.domain.cart;

import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.UserId;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Events of the Cart aggregate; {@code cartId} is the buyer's user id. Facts forever: change only
 * through upcasters.
 */
public final class CartEvents {
    private CartEvents() {
    }

    /**
     * @param quantity      the units added by this event
     * @param totalQuantity the item's quantity afterwards (more than {@code quantity} when the product
     *                      was already in the cart and the units were merged into that item)
     */
    @Revision("1")
    public record CartItemAddedEvent(UserId cartId, String itemId, ProductId productId, UserId sellerId,
                                     int quantity, int totalQuantity) {
    }

    @Revision("1")
    public record CartItemQuantityChangedEvent(UserId cartId, String itemId, ProductId productId, int quantity) {
    }

    @Revision("1")
    public record CartItemRemovedEvent(UserId cartId, String itemId, ProductId productId) {
    }

    @Revision("1")
    public record CartClearedEvent(UserId cartId, List<String> itemIds) {
    }

    /** The ordered products left the cart at checkout; {@code reference} names the checkout. */
    @Revision("1")
    public record CartItemsOrderedEvent(UserId cartId, List<String> itemIds, String reference) {
    }
}
