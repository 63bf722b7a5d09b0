package dz.zst.command.orders;

import dz.zst.domain.geo.Geography;
import dz.zst.domain.geo.Wilaya;
import dz.zst.domain.orders.Customer;
import dz.zst.domain.orders.OrderCommands.CheckoutItem;
import dz.zst.domain.orders.PaymentMethod;
import dz.zst.domain.shared.ProductId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Body of POST /orders (API.md §6). */
public record PlaceOrderRequest(
        @NotBlank @Size(min = 3, max = 100) String customerName,
        @NotNull @Pattern(regexp = PHONE, message = "must be an Algerian phone number: 0XXXXXXXXX or +213XXXXXXXXX")
        String customerPhone,
        @NotBlank @Size(min = 10, max = 300) String shippingAddress,
        @NotBlank @Size(max = 60) String customerWilaya,
        @Email @Size(max = 254) String customerEmail,
        @Size(max = 500) String notes,
        @NotNull PaymentMethod paymentMethod,
        @NotNull @Size(min = 1, max = Checkout.MAX_ITEMS) List<@NotNull @Valid Item> items) {

    /**
     * Algerian mobile (05, 06, 07) or landline (02x–04x) numbers: ten digits with the leading 0, or
     * the same nine digits after +213 (or 00213).
     */
    static final String PHONE = "^(?:\\+213|00213|0)[2-7][0-9]{8}$";

    public record Item(@NotNull UUID productId, @NotNull @Min(1) @Max(100_000) Integer quantity) {
    }

    Customer customer() {
        Wilaya wilaya = Geography.wilaya(customerWilaya).orElseThrow(() -> new IllegalArgumentException(
                "customer_wilaya must be one of the 58 wilayas, by French name or code"));
        return new Customer(customerName.strip(), blankToNull(customerEmail), customerPhone, shippingAddress.strip(),
                wilaya.code(), wilaya.nameFr());
    }

    List<CheckoutItem> checkoutItems() {
        return items.stream().map(item -> new CheckoutItem(new ProductId(item.productId()), item.quantity())).toList();
    }

    String cleanNotes() {
        return blankToNull(notes);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
