package dz.zst.domain.freelance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A freelance order's status and who may move it where (API.md §10): the freelancer takes
 * pending→accepted|cancelled, accepted→in_progress, in_progress|revision_requested→delivered; the
 * client pending→cancelled, delivered→completed|revision_requested. Completed and cancelled are final.
 */
public enum FreelanceOrderStatus {
    PENDING, ACCEPTED, IN_PROGRESS, DELIVERED, REVISION_REQUESTED, COMPLETED, CANCELLED;

    /** The two sides of an order. */
    public enum Party {
        CLIENT, FREELANCER;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FreelanceOrderStatus fromWire(String value) {
        for (FreelanceOrderStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be one of "
                + Arrays.stream(values()).map(FreelanceOrderStatus::wire).collect(Collectors.joining(", ")));
    }

    /** The statuses {@code party} may move an order in this status to. */
    public Set<FreelanceOrderStatus> next(Party party) {
        return switch (party) {
            case FREELANCER -> switch (this) {
                case PENDING -> EnumSet.of(ACCEPTED, CANCELLED);
                case ACCEPTED -> EnumSet.of(IN_PROGRESS);
                case IN_PROGRESS, REVISION_REQUESTED -> EnumSet.of(DELIVERED);
                default -> EnumSet.noneOf(FreelanceOrderStatus.class);
            };
            case CLIENT -> switch (this) {
                case PENDING -> EnumSet.of(CANCELLED);
                case DELIVERED -> EnumSet.of(COMPLETED, REVISION_REQUESTED);
                default -> EnumSet.noneOf(FreelanceOrderStatus.class);
            };
        };
    }

    /** Whether either party may move an order in this status to {@code target}. */
    public boolean canMoveTo(FreelanceOrderStatus target) {
        return next(Party.CLIENT).contains(target) || next(Party.FREELANCER).contains(target);
    }
}
