package dz.zst.domain.orders;

import dz.zst.domain.shared.ProductId;
import java.math.BigDecimal;

/**
 * One product of an order, frozen at checkout: name, picture and price stay as the buyer saw them
 * even when the product later changes or is deleted.
 */
public record OrderLine(String itemId, ProductId productId, String productName, String productImage, int quantity,
                        BigDecimal price, BigDecimal subtotal) {
}
