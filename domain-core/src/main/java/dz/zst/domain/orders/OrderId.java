package dz.zst.domain.orders;

import dz.zst.domain.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

public record OrderId(UUID value) {
    public OrderId {
        Objects.requireNonNull(value, "order id");
    }

    public static OrderId of(String value) {
        return new OrderId(Ids.parse(value, "order id"));
    }

    /**
     * The id of the order a checkout places for one seller: derived, not drawn, so that running the
     * same checkout twice names the same orders and the event store refuses the second (an
     * aggregate can be created only once).
     */
    public static OrderId forCheckout(String checkoutId, Object sellerId) {
        return new OrderId(UUID.nameUUIDFromBytes((checkoutId + "/" + sellerId).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
