package dz.zst.command.orders;

import dz.zst.command.catalog.Product;
import dz.zst.command.catalog.ProductOffer;
import dz.zst.command.shared.AggregateRepositories;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderLine;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ProductId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Takes and gives back products' stock inside the unit of work of an order command, so the order's
 * events and the products' events are stored in one transaction: all or nothing.
 *
 * <p>Every product is locked twice, always in product id order so that checkouts sharing products
 * queue instead of deadlocking: a PostgreSQL advisory lock held until the transaction ends, which
 * serialises the checkouts of all nodes on a product, then Axon's own lock on this node. Once
 * locked, the product's state is checked against the event store: a copy cached on this node
 * that another node has moved past is dropped (the unit of work rolls back, which evicts it) and
 * the command retried on fresh state. Without the advisory lock, two busy nodes kept losing the
 * append race to each other on a best seller.
 */
@Component
public class StockLedger {

    private final AggregateRepositories repositories;
    private final EventStore eventStore;
    private final ProductLocks locks;

    public StockLedger(AggregateRepositories repositories, EventStore eventStore, ProductLocks locks) {
        this.repositories = repositories;
        this.eventStore = eventStore;
        this.locks = locks;
    }

    /** The product, locked for this unit of work; a missing or deleted one is refused naming it. */
    public Aggregate<Product> load(ProductId productId) {
        return find(productId).orElseThrow(() -> new BusinessRuleViolationException("Product " + productId + " not found"));
    }

    public ProductOffer offer(Aggregate<Product> product, Actor buyer, int quantity) {
        return product.invoke(p -> p.offerTo(buyer, quantity));
    }

    /** Gives back the units of {@code lines}; a product deleted since keeps no stock to give back to. */
    public void release(List<OrderLine> lines, OrderId orderId) {
        lines.stream().sorted(Comparator.comparing(line -> line.productId().value())).forEach(line ->
                find(line.productId()).ifPresent(product -> product.execute(p -> p.release(line.quantity(),
                        orderId.toString()))));
    }

    private Optional<Aggregate<Product>> find(ProductId productId) {
        locks.lock(productId);
        Aggregate<Product> product;
        try {
            product = repositories.of(Product.class).load(productId.toString());
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
        long stored = eventStore.lastSequenceNumberFor(productId.toString()).orElse(-1L);
        if (product.version() != null && product.version() < stored) {
            throw new ConcurrencyException("Product " + productId + " was changed on another node");
        }
        return Optional.of(product);
    }
}
