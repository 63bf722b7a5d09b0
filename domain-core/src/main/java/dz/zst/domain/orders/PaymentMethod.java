package dz.zst.domain.orders;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the buyer pays. Most orders are cash on delivery. */
public enum PaymentMethod {
    COD, CCP, CARD, BANK_TRANSFER;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static PaymentMethod fromWire(String value) {
        for (PaymentMethod method : values()) {
            if (method.wire().equals(value)) {
                return method;
            }
        }
        throw new IllegalArgumentException("payment_method must be one of cod, ccp, card, bank_transfer");
    }
}
