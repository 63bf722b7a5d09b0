package dz.zst.command.orders;

import dz.zst.domain.orders.OrderCommands.CancelOrderCommand;
import dz.zst.domain.orders.OrderCommands.ChangeOrderStatusCommand;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderLine;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.ProductId;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import dz.zst.command.shared.AggregateRepositories;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Moves placed orders. A cancel or a return gives the ordered units back to the products in the
 * same unit of work as the order's own event, so stock and order never disagree, not even briefly.
 */
@Component
public class OrderDesk {

    private final AggregateRepositories repositories;
    private final StockLedger stock;

    public OrderDesk(AggregateRepositories repositories, StockLedger stock) {
        this.repositories = repositories;
        this.stock = stock;
    }

    /** @return the products whose stock came back (cancel, return); empty for other moves */
    @CommandHandler
    public List<ProductId> handle(ChangeOrderStatusCommand command) {
        return move(command.orderId(), order -> order.changeStatus(command.actor(), command.status(),
                command.trackingNumber(), command.deliveryDate()));
    }

    /** @return the products whose stock came back */
    @CommandHandler
    public List<ProductId> handle(CancelOrderCommand command) {
        return move(command.orderId(), order -> order.cancel(command.actor()));
    }

    private List<ProductId> move(OrderId orderId, Function<Order, List<OrderLine>> decision) {
        Aggregate<Order> order;
        try {
            order = repositories.of(Order.class).load(orderId.toString());
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Order " + orderId + " not found");
        }
        List<OrderLine> restocked = order.invoke(decision);
        if (!restocked.isEmpty()) {
            stock.release(restocked, orderId);
        }
        return restocked.stream().map(OrderLine::productId).toList();
    }
}
