package dz.zst.domain.b2b;

import com.fasterxml.jackson.annotation.JsonValue;

public enum OfferStatus {
    ACTIVE, EXPIRED, CLOSED, SOLD;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static OfferStatus fromWire(String value) {
        for (OfferStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be one of active, expired, closed, sold");
    }
}
