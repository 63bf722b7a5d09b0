package dz.zst.command.orders;

import dz.zst.domain.shared.ProductId;

/** A lock on a product's stock shared by every node, held until the current transaction ends. */
@FunctionalInterface
public interface ProductLocks {

    void lock(ProductId productId);
}
