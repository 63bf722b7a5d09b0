package dz.zst.domain.b2b;

import com.fasterxml.jackson.annotation.JsonValue;

public enum ResponseStatus {
    PENDING, ACCEPTED, REJECTED, OUTBID, WITHDRAWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
