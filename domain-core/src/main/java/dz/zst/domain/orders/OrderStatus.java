package dz.zst.domain.orders;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An order's status and the moves allowed from each (API.md §6): pending→confirmed|cancelled,
 * confirmed→processing|cancelled, processing→shipped|cancelled, shipped→delivered|returned,
 * delivered→returned; cancelled and returned are final.
 */
public enum OrderStatus {
    PENDING, CONFIRMED, PROCESSING, SHIPPED, DELIVERED, CANCELLED, RETURNED;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static OrderStatus fromWire(String value) {
        for (OrderStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be one of "
                + Arrays.stream(values()).map(OrderStatus::wire).collect(Collectors.joining(", ")));
    }

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(CONFIRMED, CANCELLED);
            case CONFIRMED -> EnumSet.of(PROCESSING, CANCELLED);
            case PROCESSING -> EnumSet.of(SHIPPED, CANCELLED);
            case SHIPPED -> EnumSet.of(DELIVERED, RETURNED);
            case DELIVERED -> EnumSet.of(RETURNED);
            case CANCELLED, RETURNED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return next().contains(target);
    }

    /** Whether the buyer may still cancel (API.md §6: only while pending or confirmed). */
    public boolean cancellableByBuyer() {
        return this == PENDING || this == CONFIRMED;
    }

    /** Whether leaving this status for {@code target} puts the ordered units back in stock. */
    public static boolean restocks(OrderStatus target) {
        return target == CANCELLED || target == RETURNED;
    }
}
