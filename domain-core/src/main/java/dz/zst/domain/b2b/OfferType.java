package dz.zst.domain.b2b;

import com.fasterxml.jackson.annotation.JsonValue;

public enum OfferType {
    NEGOTIABLE, AUCTION;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static OfferType fromWire(String value) {
        for (OfferType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("offer_type must be one of negotiable, auction");
    }
}
