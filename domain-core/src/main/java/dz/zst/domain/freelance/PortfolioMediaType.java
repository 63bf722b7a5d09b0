package dz.zst.domain.freelance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a portfolio item shows. */
public enum PortfolioMediaType {
    IMAGE, VIDEO;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PortfolioMediaType fromWire(String value) {
        for (PortfolioMediaType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("type must be one of image, video");
    }
}
