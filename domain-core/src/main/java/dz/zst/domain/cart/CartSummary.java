package dz.zst.domain.cart;

import java.math.BigDecimal;

/**
 * @param subtotal   sum of price × quantity over the items shown
 * @param totalItems units: the sum of the items' quantities
 * @param itemsCount lines: the number of distinct items (products)
 */
public record CartSummary(BigDecimal subtotal, int totalItems, int itemsCount) {
}
