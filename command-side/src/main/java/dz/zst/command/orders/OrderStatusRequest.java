package dz.zst.command.orders;

import dz.zst.domain.orders.OrderStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Body of PATCH /seller/orders/:id/status.
 *
 * @param deliveryDate an ISO date ({@code 2026-12-01}) or date-time ({@code 2026-12-01T10:00:00Z})
 */
public record OrderStatusRequest(@NotNull OrderStatus status, @Size(min = 1, max = 100) String trackingNumber,
                                 @Size(max = 40) String deliveryDate) {

    Instant deliveryInstant() {
        if (deliveryDate == null) {
            return null;
        }
        try {
            return deliveryDate.length() <= 10 ? LocalDate.parse(deliveryDate).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(deliveryDate);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("delivery_date must be an ISO-8601 date or date-time");
        }
    }
}
