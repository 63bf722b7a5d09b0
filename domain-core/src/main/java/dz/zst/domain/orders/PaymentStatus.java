package dz.zst.domain.orders;

import com.fasterxml.jackson.annotation.JsonValue;

public enum PaymentStatus {
    PENDING, PAID;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
