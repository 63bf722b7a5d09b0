package dz.zst.domain.orders;

import dz.zst.domain.shared.PublicSellerView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it (API.md §6). */
public record OrderView(UUID id, String orderNumber, UUID userId, UUID sellerId, String customerName,
                        String customerEmail, String customerPhone, String shippingAddress, String customerWilaya,
                        BigDecimal subtotal, BigDecimal shippingCost, BigDecimal total, String status,
                        String paymentStatus, String paymentMethod, Instant deliveryDate, String trackingNumber,
                        String notes, List<Item> items, PublicSellerView seller, Instant createdAt,
                        Instant updatedAt) {

    public record Item(String id, UUID productId, String productName, String productImage, int quantity,
                       BigDecimal price, BigDecimal subtotal) {
    }

    /** The view of a folded state; {@code seller} comes from the users read model. */
    public static OrderView of(OrderState state, PublicSellerView seller) {
        OrderEvents.OrderPlacedEvent placed = state.placed();
        Customer customer = placed.customer();
        List<Item> items = placed.items().stream()
                .map(line -> new Item(line.itemId(), line.productId().value(), line.productName(), line.productImage(),
                        line.quantity(), line.price(), line.subtotal()))
                .toList();
        return new OrderView(placed.orderId().value(), placed.orderNumber(),
                placed.buyerId() == null ? null : placed.buyerId().value(), placed.sellerId().value(),
                customer.name(), customer.email(), customer.phone(), customer.shippingAddress(), customer.wilaya(),
                placed.subtotal(), placed.shippingCost(), placed.total(), state.status().wire(),
                state.paymentStatus().wire(), placed.paymentMethod().wire(), state.deliveryDate(),
                state.trackingNumber(), placed.notes(), items, seller, state.createdAt(), state.updatedAt());
    }
}
