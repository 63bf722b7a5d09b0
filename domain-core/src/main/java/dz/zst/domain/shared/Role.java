package dz.zst.domain.shared;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Role {
    CUSTOMER, SELLER, FREELANCER, ADMIN;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.wire().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be one of customer, seller, freelancer, admin");
    }
}
