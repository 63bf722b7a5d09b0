package dz.zst.domain.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * A seller's figures (API.md §9 {@code GET /seller/stats}, and the {@code seller:stats} push of §11);
 * the field names are the contract's camelCase. Products: those not deleted, active when they have
 * stock, out of stock otherwise. Orders: every order placed, pending those not yet confirmed or
 * cancelled. Revenue: the amounts of paid orders that were not returned (or cancelled), monthly
 * those paid in the current Africa/Algiers month. Reels: those not deleted, and their counted views.
 */
public record SellerStats(Products products, Orders orders, Revenue revenue, Reels reels) {

    public record Products(long total, long active, @JsonProperty("outOfStock") long outOfStock) {
    }

    public record Orders(long total, long pending) {
    }

    /** @param avgOrderValue revenue {@code total} divided by the number of paid orders it counts */
    public record Revenue(BigDecimal total, BigDecimal monthly, @JsonProperty("avgOrderValue") BigDecimal avgOrderValue) {
    }

    public record Reels(long total, @JsonProperty("totalViews") long totalViews) {
    }
}
