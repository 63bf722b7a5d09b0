package dz.zst.domain.dashboard;

import dz.zst.domain.shared.InvalidFieldException;
import java.util.Arrays;

/** The periods {@code GET /seller/analytics} offers (API.md §9), in days. */
public enum AnalyticsPeriod {
    DAYS_7("7d", 7), DAYS_30("30d", 30), DAYS_90("90d", 90), DAYS_365("365d", 365);

    private final String wire;
    private final int days;

    AnalyticsPeriod(String wire, int days) {
        this.wire = wire;
        this.days = days;
    }

    public String wire() {
        return wire;
    }

    public int days() {
        return days;
    }

    public static AnalyticsPeriod fromWire(String value) {
        return Arrays.stream(values()).filter(period -> period.wire.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidFieldException("period", "period must be one of 7d, 30d, 90d, 365d"));
    }
}
