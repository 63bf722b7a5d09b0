package dz.zst.domain.cart;

import dz.zst.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The event stream of a buyer's cart. A cart belongs to exactly one user and is named by the
 * user's id in every message, but its stream can't carry that id: Axon keys event streams by
 * aggregate id alone, and the {@code User} aggregate already owns the stream of that id (sharing
 * it would interleave sequence numbers and mix the two aggregates' events). So the stream id is
 * derived from the user id, the same one every time.
 *
 * <p>Load a cart with {@code CartId.of(buyer).toString()} and await {@code ReadModel.CARTS} with that
 * same id (the {@code carts} read model is keyed by it; it also stores the buyer's {@code user_id}).
 */
public record CartId(UUID value) {

    public CartId {
        Objects.requireNonNull(value, "cart id");
    }

    public static CartId of(UserId buyer) {
        return new CartId(UUID.nameUUIDFromBytes(("cart:" + buyer.value()).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
