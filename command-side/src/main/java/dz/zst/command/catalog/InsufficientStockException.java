package dz.zst.command.catalog;

import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ProductId;

/** A product has fewer units on hand than asked for: 400 naming the product, nothing reserved. */
public class InsufficientStockException extends BusinessRuleViolationException {

    private final transient ProductId productId;

    public InsufficientStockException(ProductId productId, String message) {
        super(message);
        this.productId = productId;
    }

    public ProductId productId() {
        return productId;
    }
}
