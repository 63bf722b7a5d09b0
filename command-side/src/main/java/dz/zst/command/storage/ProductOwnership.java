package dz.zst.command.storage;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.catalog.CatalogQueries.FindProductQuery;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.UserId;
import org.springframework.stereotype.Component;

/**
 * Answers "may this actor put files on this product?" for routes that store files without
 * changing the Product aggregate (reel videos, presigned uploads, deletions). The command side
 * does not read the read model's tables: it asks the query side with a query message.
 */
@Component
public class ProductOwnership {

    private final ConsistentWrites writes;

    public ProductOwnership(ConsistentWrites writes) {
        this.writes = writes;
    }

    /**
     * @throws dz.zst.domain.shared.NotFoundException when the product is unknown, deleted or not visible to the actor
     * @throws ForbiddenException when the actor is neither its seller nor an admin
     */
    public void requireOwner(ProductId productId, Actor actor) {
        ProductView product = writes.ask(new FindProductQuery(productId, actor), ProductView.class);
        if (!actor.isAdmin() && !actor.is(UserId.of(product.sellerId()))) {
            throw new ForbiddenException("You can only manage files of your own products");
        }
    }
}
