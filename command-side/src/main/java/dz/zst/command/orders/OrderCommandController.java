package dz.zst.command.orders;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.cart.CartId;
import dz.zst.domain.orders.OrderCommands.CancelOrderCommand;
import dz.zst.domain.orders.OrderCommands.ChangeOrderStatusCommand;
import dz.zst.domain.orders.OrderCommands.CheckoutReceipt;
import dz.zst.domain.orders.OrderCommands.PlaceOrdersCommand;
import dz.zst.domain.orders.OrderCommands.PlacedOrder;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderQueries.FindOrderQuery;
import dz.zst.domain.orders.OrderQueries.FindPlacedOrdersQuery;
import dz.zst.domain.orders.OrderQueries.OrderList;
import dz.zst.domain.orders.OrderQueries.OrderViewer;
import dz.zst.domain.orders.OrderView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.ReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Order writes (API.md §6). Each answers once the orders, the products whose stock moved and the
 * buyer's cart all reflect the write, so whatever the app reads next is current.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Orders")
public class OrderCommandController {

    private final ConsistentWrites writes;

    public OrderCommandController(ConsistentWrites writes) {
        this.writes = writes;
    }

    /** A placed order as the checkout answers it: the order, plus the guest's access token (once). */
    public record PlacedOrderView(@JsonUnwrapped OrderView order, String accessToken) {
    }

    public record CheckoutResponse(String message, List<PlacedOrderView> orders) {
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Place orders (guests allowed): one order per seller, stock taken for all items or none",
            description = "A missing or invisible product, a quantity under the product's minimum or over its stock "
                    + "is 400 naming the product, and nothing is reserved. Guests receive each order's access_token "
                    + "once, here; it is needed to read the order (header X-Order-Token). With an Idempotency-Key a "
                    + "retried checkout returns the first answer and creates nothing.")
    public CheckoutResponse place(@AuthenticationPrincipal Actor buyer, @Validated @RequestBody PlaceOrderRequest body,
                                  @Parameter(hidden = true) @RequestHeader(value = "Idempotency-Key", required = false)
                                  String idempotencyKey) {
        PlaceOrdersCommand command = new PlaceOrdersCommand(checkoutId(buyer, body, idempotencyKey), buyer,
                body.customer(), body.cleanNotes(), body.paymentMethod(), body.checkoutItems());
        CheckoutReceipt receipt = writes.send(command, placed -> changedBy(command, placed));
        List<OrderId> orderIds = receipt.orders().stream().map(PlacedOrder::orderId).toList();
        Map<UUID, String> tokens = new HashMap<>();
        receipt.orders().forEach(order -> tokens.put(order.orderId().value(), order.accessToken()));
        List<PlacedOrderView> orders = writes.ask(new FindPlacedOrdersQuery(orderIds), OrderList.class).orders().stream()
                .map(order -> new PlacedOrderView(order, tokens.get(order.id())))
                .toList();
        return new CheckoutResponse("Order(s) created successfully", orders);
    }

    @PostMapping("/orders/{id}/cancel")
    @Operation(summary = "Cancel an order (buyer, its seller or admin) while pending or confirmed; restores stock")
    public OrderView cancel(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        OrderId orderId = OrderId.of(id);
        return moved(actor, orderId, new CancelOrderCommand(orderId, actor));
    }

    @PatchMapping("/seller/orders/{id}/status")
    @Operation(summary = "Move an order through its status machine (the order's seller or admin)",
            description = "pending→confirmed|cancelled, confirmed→processing|cancelled, processing→shipped|cancelled, "
                    + "shipped→delivered|returned, delivered→returned. Anything else is 400 'Cannot transition from X "
                    + "to Y'. Cancelling and returning restore stock; a cod order delivered becomes paid. Sending the "
                    + "current status with tracking_number or delivery_date updates only those.")
    public OrderView changeStatus(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                  @Validated @RequestBody OrderStatusRequest body) {
        OrderId orderId = OrderId.of(id);
        return moved(actor, orderId, new ChangeOrderStatusCommand(orderId, actor, body.status(),
                body.trackingNumber(), body.deliveryInstant()));
    }

    /** Sends an order move and answers once the order and any restocked product reflect it. */
    private OrderView moved(Actor actor, OrderId orderId, Object command) {
        writes.send(command, (List<ProductId> restocked) -> {
            Map<ReadModel, List<String>> changed = new EnumMap<>(ReadModel.class);
            changed.put(ReadModel.ORDERS, List.of(orderId.toString()));
            changed.put(ReadModel.PRODUCTS, restocked.stream().map(ProductId::toString).toList());
            return changed;
        });
        return writes.ask(new FindOrderQuery(orderId, new OrderViewer(actor, null)), OrderView.class);
    }

    /** A checkout changes its orders, the stock of its products and the buyer's cart. */
    private static Map<ReadModel, List<String>> changedBy(PlaceOrdersCommand command, CheckoutReceipt receipt) {
        Map<ReadModel, List<String>> changed = new EnumMap<>(ReadModel.class);
        changed.put(ReadModel.ORDERS, receipt.orders().stream().map(order -> order.orderId().toString()).toList());
        changed.put(ReadModel.PRODUCTS, command.items().stream().map(item -> item.productId().toString()).toList());
        if (command.buyer() != null) {
            changed.put(ReadModel.CARTS, List.of(CartId.of(command.buyer().userId()).toString()));
        }
        return changed;
    }

    /**
     * The checkout's name. Without an Idempotency-Key every request is a new checkout; with one, the
     * name derives from the caller and the key, so even a retry that slipped past the idempotency
     * filter (its store unreachable) would name the same orders, and the event store would refuse
     * to create them twice.
     */
    private static String checkoutId(Actor buyer, PlaceOrderRequest body, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return UUID.randomUUID().toString();
        }
        String caller = buyer != null ? buyer.userId().toString() : "guest:" + body.customerPhone();
        return UUID.nameUUIDFromBytes(("checkout/" + caller + "/" + idempotencyKey.strip())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
