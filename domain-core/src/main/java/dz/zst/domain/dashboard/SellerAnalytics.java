package dz.zst.domain.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A seller's days (API.md §9 {@code GET /seller/analytics}): one entry per Africa/Algiers day of the
 * period, oldest first, today last, days without activity as zeros. A day's revenue is that of the
 * orders paid on it (and not returned since), its order count that of the orders placed on it.
 */
public record SellerAnalytics(String period, List<Day> data) {

    public record Day(LocalDate date, BigDecimal revenue, @JsonProperty("orderCount") long orderCount) {
    }
}
