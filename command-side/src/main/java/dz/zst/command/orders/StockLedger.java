package dz.zst.command.orders;

import dz.zst.command.catalog.Product;
import dz.zst.command.catalog.ProductOffer;
import dz.zst.command.shared.AggregateRepositories;
import dz.zst.command.shared.StoredSequences;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderLine;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ProductId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * locked, the products' state is checked against the event store ({@link #ensureCurrent}, one
 * lookup for all of a command's products): a copy cached on this node that another node has moved
 * past is dropped (the unit of work rolls back, which evicts it) and the command retried on fresh
 * state. Without the advisory lock, two busy nodes kept losing the append race to each other on a
 * best seller.
 */
@Component
public class StockLedger {

    private final AggregateRepositories repositories;
    private final StoredSequences sequences;
    private final ProductLocks locks;

    public StockLedger(AggregateRepositories repositories, StoredSequences sequences, ProductLocks locks) {
        this.repositories = repositories;
        this.sequences = sequences;
        this.locks = locks;
    }

    /**
     * The product, locked for this unit of work, as this node has it: not yet checked against the
     * store, so nothing may be decided on it before {@link #ensureCurrent} (which a caller loading
     * several products asks once for all of them). A missing or deleted one is refused naming it.
     */
    public Aggregate<Product> load(ProductId productId) {
        return find(productId).orElseThrow(() -> new BusinessRuleViolationException("Product " + productId + " not found"));
    }

    /**
     * Refuses products whose copy on this node another node has moved past, given the store's newest
     * sequence number of each ({@link StoredSequences}): the exception rolls the unit of work back,
     * which evicts the stale copies, and the command gateway retries on fresh state. Without it, a
     * stale copy could refuse a checkout for stock that another node's cancel had given back.
     */
    public void ensureCurrent(Map<ProductId, Aggregate<Product>> products, Map<String, Long> stored) {
        products.forEach((productId, product) -> {
            long newest = stored.getOrDefault(productId.toString(), -1L);
            if (product.version() != null && product.version() < newest) {
                throw new ConcurrencyException("Product " + productId + " was changed on another node");
            }
        });
    }

    public ProductOffer offer(Aggregate<Product> product, Actor buyer, int quantity) {
        return product.invoke(p -> p.offerTo(buyer, quantity));
    }

    /** Gives back the units of {@code lines}; a product deleted since keeps no stock to give back to. */
    public void release(List<OrderLine> lines, OrderId orderId) {
        Map<ProductId, Aggregate<Product>> products = new LinkedHashMap<>();
        lines.stream().map(OrderLine::productId).sorted(Comparator.comparing(ProductId::value)).distinct()
                .forEach(productId -> find(productId).ifPresent(product -> products.put(productId, product)));
        ensureCurrent(products, sequences.newest(products.keySet().stream().map(ProductId::toString).toList()));
        lines.forEach(line -> {
            Aggregate<Product> product = products.get(line.productId());
            if (product != null) {
                product.execute(p -> p.release(line.quantity(), orderId.toString()));
            }
        });
    }

    private Optional<Aggregate<Product>> find(ProductId productId) {
        locks.lock(productId);
        try {
            return Optional.of(repositories.of(Product.class).load(productId.toString()));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
