package dz.zst.domain.cart;

/** @param count units in the cart: summary.total_items of the same cart */
public record CartCount(int count) {
}
