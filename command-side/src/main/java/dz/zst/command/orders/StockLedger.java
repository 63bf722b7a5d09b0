package dz.zst.command.orders;

import dz.zst.command.catalog.InsufficientStockException;
import dz.zst.command.catalog.Product;
import dz.zst.command.catalog.ProductOffer;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderLine;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ProductId;
import java.util.Comparator;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Takes and gives back products' stock inside the unit of work of an order command, so the order's
 * events and the products' events are stored in one transaction: all or nothing.
 *
 * <p>Products are always loaded in id order. Each load takes the product's lock until the unit of
 * work ends, so two checkouts sharing products queue on the first one they share instead of
 * deadlocking. Across nodes, the (aggregate, sequence) key of the event store is the lock: the
 * loser of a race gets a {@link ConcurrencyException} and the gateway retries it on fresh state.
 */
@Component
public class StockLedger {

    private final Configuration axon;
    private final EventStore eventStore;

    public StockLedger(Configuration axon, EventStore eventStore) {
        this.axon = axon;
        this.eventStore = eventStore;
    }

    /** The product, locked for this unit of work; a missing or deleted one is refused naming it. */
    public Aggregate<Product> load(ProductId productId) {
        try {
            return products().load(productId.toString());
        } catch (AggregateNotFoundException e) {
            throw new BusinessRuleViolationException("Product " + productId + " not found");
        }
    }

    /**
     * The product's offer to {@code buyer}. A refusal for lack of stock is trusted only when the
     * product's state is the newest in the event store: a copy cached on this node may lag behind
     * a restock stored by another node, and then the command is retried on fresh state instead.
     */
    public ProductOffer offer(Aggregate<Product> product, Actor buyer, int quantity) {
        try {
            return product.invoke(p -> p.offerTo(buyer, quantity));
        } catch (InsufficientStockException refused) {
            Long stored = eventStore.lastSequenceNumberFor(product.identifierAsString()).orElse(-1L);
            if (product.version() != null && product.version() < stored) {
                throw new ConcurrencyException("Product " + product.identifierAsString() + " changed on another node");
            }
            throw refused;
        }
    }

    /** Gives back the units of {@code lines}; a product deleted since keeps no stock to give back to. */
    public void release(List<OrderLine> lines, OrderId orderId) {
        lines.stream().sorted(Comparator.comparing(line -> line.productId().value())).forEach(line -> {
            Aggregate<Product> product;
            try {
                product = products().load(line.productId().toString());
            } catch (AggregateNotFoundException e) {
                return;
            }
            product.execute(p -> p.release(line.quantity(), orderId.toString()));
        });
    }

    private Repository<Product> products() {
        return axon.repository(Product.class);
    }
}
