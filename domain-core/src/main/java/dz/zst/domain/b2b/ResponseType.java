package dz.zst.domain.b2b;

import com.fasterxml.jackson.annotation.JsonValue;

public enum ResponseType {
    BID, NEGOTIATION;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static ResponseType fromWire(String value) {
        for (ResponseType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("response_type must be one of bid, negotiation");
    }
}
