package dz.zst.domain.b2b;

import dz.zst.domain.shared.PublicSellerView;
import dz.zst.domain.shared.SellerCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An offer as the app shows it (API.md §8); field names go out in snake_case. */
public record B2BOfferView(UUID id, UUID sellerId, String title, String description, List<String> images,
                           List<String> tags, BigDecimal basePrice, int minQuantity, int availableQuantity,
                           OfferType offerType, OfferStatus status, BigDecimal currentBid, UUID highestBidderId,
                           Instant startsAt, Instant endsAt, SellerCategory targetCategory, PublicSellerView seller,
                           long responsesCount, Instant createdAt, Instant updatedAt) {
}
