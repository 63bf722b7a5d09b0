package dz.zst.command.catalog;

import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;

/** What a product offers a checkout: the line as the buyer sees it now, before stock is taken. */
public record ProductOffer(ProductId productId, UserId sellerId, String name, String primaryImage, BigDecimal price,
                           int quantity) {

    public BigDecimal subtotal() {
        return price.multiply(BigDecimal.valueOf(quantity));
    }
}
