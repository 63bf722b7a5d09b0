package dz.zst.domain.shared;

import java.math.BigDecimal;

/**
 * The platform's money bounds, in DZD, derived from where amounts are stored and read.
 *
 * <p>Every amount the read models keep is a {@code NUMERIC(14,2)} (products' prices, orders'
 * subtotals and totals), which holds up to {@link #MAX_AMOUNT}; the app reads money as a JavaScript
 * double, exact only below 2^53 cents (about 9 × 10^13 DZD). An amount that fits the column is far
 * inside that, so the column is the bound. Sums are checked where they are made (a checkout's line,
 * order subtotal and total), since each part fitting does not make the sum fit.
 *
 * <p>{@link #MAX_PRICE}, 50,000,000 DZD a unit, is well above the dearest single item sold here (a
 * vehicle, an industrial machine; bulk lots are priced per unit), and keeps a full cart exact: at most
 * 100 products of 10,000 units each, a cart's subtotal stays below 5 × 10^13 DZD, inside a double.
 */
public final class Money {

    /** The largest amount a {@code NUMERIC(14,2)} column holds. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    /** The largest unit price of a product. */
    public static final BigDecimal MAX_PRICE = new BigDecimal("50000000.00");

    /** The same bound as text, for validation annotations. */
    public static final String MAX_PRICE_TEXT = "50000000.00";

    private Money() {
    }

    /** Refuses an amount above {@code max}, naming {@code field} and what the bound is for. */
    public static void requireAtMost(BigDecimal amount, BigDecimal max, String field, String what) {
        if (amount != null && amount.compareTo(max) > 0) {
            throw new InvalidFieldException(field, field + " must not be greater than " + max.toPlainString()
                    + " DZD (" + what + "), was " + amount.toPlainString());
        }
    }
}
