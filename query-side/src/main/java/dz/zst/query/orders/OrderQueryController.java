package dz.zst.query.orders;

import dz.zst.domain.orders.OrderHistory;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderQueries.FindOrderAsOfQuery;
import dz.zst.domain.orders.OrderQueries.FindOrderHistoryQuery;
import dz.zst.domain.orders.OrderQueries.FindOrderQuery;
import dz.zst.domain.orders.OrderQueries.ListBuyerOrdersQuery;
import dz.zst.domain.orders.OrderQueries.ListSellerOrdersQuery;
import dz.zst.domain.orders.OrderQueries.OrderPage;
import dz.zst.domain.orders.OrderQueries.OrderViewer;
import dz.zst.domain.orders.OrderQueries.TrackGuestOrderQuery;
import dz.zst.domain.orders.OrderStatus;
import dz.zst.domain.orders.OrderView;
import dz.zst.domain.orders.Phones;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.query.shared.Reads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Order reads (API.md §6): the buyer's and the seller's lists, one order, its audit trail, guest tracking. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Orders")
public class OrderQueryController {

    static final String ORDER_TOKEN = "X-Order-Token";

    private final Reads reads;

    public OrderQueryController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping("/orders")
    @Operation(summary = "The caller's orders, newest first")
    public PagedResult<OrderView> mine(@AuthenticationPrincipal Actor buyer,
                                       @RequestParam(name = "page", defaultValue = "1") int page,
                                       @RequestParam(name = "limit", defaultValue = "20") int limit,
                                       @RequestParam(name = "status", required = false) String status) {
        return reads.ask(new ListBuyerOrdersQuery(buyer.userId(), status(status), PageRequest.of(page, limit)), OrderPage.class)
                .page();
    }

    @GetMapping("/seller/orders")
    @Operation(summary = "The seller's orders (every order for an admin), newest first")
    public PagedResult<OrderView> sellerOrders(@AuthenticationPrincipal Actor seller,
                                               @RequestParam(name = "page", defaultValue = "1") int page,
                                               @RequestParam(name = "limit", defaultValue = "20") int limit,
                                               @RequestParam(name = "status", required = false) String status) {
        return reads.ask(new ListSellerOrdersQuery(seller, status(status), PageRequest.of(page, limit)), OrderPage.class)
                .page();
    }

    @GetMapping("/orders/{id}")
    @Operation(summary = "One order: its buyer, its seller, an admin, or a guest with the order's access token",
            description = "With as_of (ISO-8601 instant) the order as it stood then, rebuilt from the event store. "
                    + "Anyone else gets 404.")
    public OrderView one(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                         @Parameter(description = "the guest's access token from the checkout answer")
                         @RequestHeader(name = ORDER_TOKEN, required = false) String accessToken,
                         @RequestParam(name = "as_of", required = false) String asOf) {
        OrderId orderId = OrderId.of(id);
        OrderViewer viewer = new OrderViewer(actor, accessToken);
        if (asOf != null) {
            return reads.ask(new FindOrderAsOfQuery(orderId, viewer, instant(asOf)), OrderView.class);
        }
        return reads.ask(new FindOrderQuery(orderId, viewer), OrderView.class);
    }

    @GetMapping("/orders/{id}/history")
    @Operation(summary = "The order's full, immutable event history with the actor of each event (same access as the order)")
    public OrderHistory history(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                @RequestHeader(name = ORDER_TOKEN, required = false) String accessToken) {
        return reads.ask(new FindOrderHistoryQuery(OrderId.of(id), new OrderViewer(actor, accessToken)),
                OrderHistory.class);
    }

    @GetMapping("/guest/orders/track")
    @Operation(summary = "Guest tracking: the order whose number and phone both match")
    @ApiResponse(responseCode = "404", description = "No order matches this phone number and order number")
    public OrderView track(@RequestParam(name = "phone") String phone,
                           @RequestParam(name = "order_number") String orderNumber) {
        if (phone.isBlank() || phone.length() > 20 || orderNumber.isBlank() || orderNumber.length() > 40) {
            throw new IllegalArgumentException("phone and order_number are required");
        }
        return reads.ask(new TrackGuestOrderQuery(Phones.fromQuery(phone), orderNumber), OrderView.class);
    }

    private static OrderStatus status(String status) {
        return status == null || status.isBlank() ? null : OrderStatus.fromWire(status);
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("as_of must be an ISO-8601 date-time, e.g. 2026-11-23T10:15:30Z");
        }
    }
}
