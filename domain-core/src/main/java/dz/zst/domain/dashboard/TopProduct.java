package dz.zst.domain.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * One of a seller's best-selling products (API.md §9 {@code GET /seller/top-products}): the units and
 * the line amounts (shipping excluded) of its paid orders that were not returned.
 */
public record TopProduct(@JsonProperty("productId") UUID productId, @JsonProperty("productName") String productName,
                         @JsonProperty("totalQuantity") long totalQuantity,
                         @JsonProperty("totalRevenue") BigDecimal totalRevenue) {
}
