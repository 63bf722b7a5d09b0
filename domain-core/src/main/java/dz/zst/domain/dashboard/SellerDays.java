package dz.zst.domain.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The dashboard's calendar: sellers' days and months are those of Algeria (UTC+1, no daylight saving). */
public final class SellerDays {

    public static final ZoneId ZONE = ZoneId.of("Africa/Algiers");

    private SellerDays() {
    }

    public static LocalDate dayOf(Instant at) {
        return at.atZone(ZONE).toLocalDate();
    }
}
