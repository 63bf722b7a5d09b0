package dz.zst.command.cart;

import dz.zst.domain.shared.Ids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Bodies of the cart writes (API.md §5). Unknown fields are refused with 400 like everywhere. */
public final class CartRequests {
    private CartRequests() {
    }

    /** POST /cart/items. */
    public record AddItem(
            @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = "must be a UUID") String productId,
            @NotNull @Min(1) @Max(Cart.MAX_QUANTITY) Integer quantity) {
    }

    /** PATCH /cart/items/{id}. */
    public record ChangeQuantity(@NotNull @Min(1) @Max(Cart.MAX_QUANTITY) Integer quantity) {
    }
}
