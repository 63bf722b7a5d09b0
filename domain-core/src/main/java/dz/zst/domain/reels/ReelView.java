package dz.zst.domain.reels;

import com.fasterxml.jackson.annotation.JsonInclude;
import dz.zst.domain.shared.PublicSellerView;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A reel as the API shows it (API.md §7).
 *
 * @param isLiked whether the caller likes it; null (and left out of the JSON) for guests
 */
public record ReelView(String id, String productId, String sellerId, String caption, String videoUrl,
                       String videoStoragePath, String thumbnailUrl, Integer durationSeconds, Long fileSizeBytes,
                       long likesCount, long commentsCount, long viewsCount, Instant createdAt, Product product,
                       PublicSellerView seller, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean isLiked) {

    /** The promoted product, as much as a reel card shows. */
    public record Product(String id, String name, BigDecimal price, String primaryImage, String slug) {
    }

    public ReelStats stats() {
        return new ReelStats(id, likesCount, commentsCount, viewsCount);
    }
}
