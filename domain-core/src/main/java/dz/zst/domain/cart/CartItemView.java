package dz.zst.domain.cart;

import dz.zst.domain.catalog.ProductView;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One product in a cart. {@code productName}, {@code productImage} and {@code productPrice} are the
 * product's current values, repeated from {@code product} for the app's list rows.
 */
public record CartItemView(String id, String productId, String sellerId, String productName, String productImage,
                           BigDecimal productPrice, int quantity, ProductView product, Instant createdAt,
                           Instant updatedAt) {
}
