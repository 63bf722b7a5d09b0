package dz.zst.command.orders;

import dz.zst.domain.geo.Geography;
import dz.zst.domain.geo.Wilaya;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Shipping cost per order (API.md §6): a flat rate, 500 DZD unless configured, and optionally a
 * rate per wilaya ({@code SHIPPING_WILAYA_RATES=16=400,31=450}, wilayas by code or name). A wrong
 * table stops the platform at start rather than charging wrong amounts.
 */
@Component
public class ShippingRates {

    /** What the orders table's {@code shipping_cost NUMERIC(12,2)} holds. */
    static final BigDecimal MAX_SHIPPING = new BigDecimal("9999999999.99");

    private final BigDecimal flatRate;
    private final Map<String, BigDecimal> byWilayaCode = new HashMap<>();

    public ShippingRates(@Value("${zst.shipping.flat-rate:500}") BigDecimal flatRate,
                         @Value("${zst.shipping.wilaya-rates:}") String wilayaRates) {
        this.flatRate = requireMoney(flatRate, "flat rate");
        for (String entry : wilayaRates.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("shipping rate '" + entry + "' must look like 16=400");
            }
            Wilaya wilaya = Geography.wilaya(parts[0])
                    .orElseThrow(() -> new IllegalArgumentException("shipping rate for unknown wilaya '" + parts[0] + "'"));
            byWilayaCode.put(wilaya.code(), requireMoney(new BigDecimal(parts[1].strip()), "rate of " + wilaya.nameFr()));
        }
    }

    public BigDecimal forWilaya(String wilayaCode) {
        return byWilayaCode.getOrDefault(wilayaCode, flatRate);
    }

    private static BigDecimal requireMoney(BigDecimal amount, String what) {
        if (amount.signum() < 0 || amount.scale() > 2) {
            throw new IllegalArgumentException("shipping " + what + " must be a non-negative amount with at most 2 decimals");
        }
        if (amount.compareTo(MAX_SHIPPING) > 0) {
            throw new IllegalArgumentException("shipping " + what + " must not be greater than " + MAX_SHIPPING
                    + " DZD (the orders' shipping_cost column)");
        }
        return amount;
    }
}
