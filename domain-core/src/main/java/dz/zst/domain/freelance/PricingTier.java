package dz.zst.domain.freelance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The three packages a service is sold in; basic always exists, the others may be left out. */
public enum PricingTier {
    BASIC, STANDARD, PREMIUM;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PricingTier fromWire(String value) {
        for (PricingTier tier : values()) {
            if (tier.wire().equals(value)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("pricing_tier must be one of basic, standard, premium");
    }
}
