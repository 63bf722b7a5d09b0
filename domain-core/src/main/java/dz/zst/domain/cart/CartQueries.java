package dz.zst.domain.cart;

import dz.zst.domain.shared.Actor;

/**
 * Queries over the carts read model; each reads the viewer's own cart. Items whose product was
 * deleted or is not visible to the viewer (API.md §3) are left out of every answer.
 */
public final class CartQueries {
    private CartQueries() {
    }

    /** Answers a {@link CartView}; an empty one when the viewer has no cart. */
    public record FindCartQuery(Actor viewer) {
    }

    /** Answers a {@link CartItemView}, or throws NotFoundException when missing or left out. */
    public record FindCartItemQuery(Actor viewer, String itemId) {
    }

    /** Answers a {@link CartCount}: the units in the cart, the same figure as summary.total_items. */
    public record CountCartQuery(Actor viewer) {
    }
}
