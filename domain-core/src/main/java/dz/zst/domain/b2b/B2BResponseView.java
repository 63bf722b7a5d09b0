package dz.zst.domain.b2b;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A bid or negotiation as the app shows it (API.md §8). */
public record B2BResponseView(UUID id, UUID offerId, UUID buyerId, ResponseType responseType, ResponseStatus status,
                              BigDecimal amount, int quantity, String message, Instant createdAt, Instant updatedAt) {
}
