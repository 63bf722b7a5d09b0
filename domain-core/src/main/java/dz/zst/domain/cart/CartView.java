package dz.zst.domain.cart;

import java.util.List;

/** The buyer's cart as the API shows it (API.md §5): its items with current product data, and a summary. */
public record CartView(List<CartItemView> items, CartSummary summary) {
}
