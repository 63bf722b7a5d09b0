package dz.zst.domain.b2b;

import dz.zst.domain.shared.BusinessRuleViolationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The auction settings of API.md §8 and what follows from them, pure: the least amount a bid must
 * reach and where a bid moves the end (soft close against sniping).
 *
 * @param minIncrement     how much a bid must beat the current one by, DZD ({@code B2B_MIN_BID_INCREMENT})
 * @param extension        a bid inside this last stretch moves the end to this long after it ({@code B2B_AUCTION_EXTENSION})
 * @param maxExtension     how far past the original end the end may move at most ({@code B2B_AUCTION_MAX_EXTENSION})
 * @param endingSoonNotice how long before the end the ending-soon fact is recorded ({@code B2B_ENDING_SOON_NOTICE})
 */
public record AuctionRules(BigDecimal minIncrement, Duration extension, Duration maxExtension,
                           Duration endingSoonNotice) {

    public static final AuctionRules DEFAULTS = new AuctionRules(new BigDecimal("100"), Duration.ofMinutes(2),
            Duration.ofMinutes(30), Duration.ofMinutes(10));

    public AuctionRules {
        Objects.requireNonNull(minIncrement, "minimum increment");
        if (minIncrement.signum() < 0 || extension.isNegative() || maxExtension.isNegative()
                || endingSoonNotice.isNegative()) {
            throw new IllegalArgumentException("auction settings must not be negative");
        }
    }

    /** The least a bid must offer: the base price for the first bid, else the current bid plus the increment. */
    public BigDecimal minimumBid(BigDecimal basePrice, BigDecimal currentBid) {
        return currentBid == null ? basePrice : currentBid.add(minIncrement);
    }

    /**
     * Refuses a bid of {@code amount} that does not reach {@link #minimumBid}, saying what it must
     * reach and why: the one wording of the aggregate and of the node's early refusal alike.
     */
    public void requireReaches(BigDecimal basePrice, BigDecimal currentBid, BigDecimal amount) {
        BigDecimal minimum = minimumBid(basePrice, currentBid).setScale(2, RoundingMode.HALF_UP);
        if (amount.compareTo(minimum) < 0) {
            throw new BusinessRuleViolationException(currentBid == null
                    ? "A first bid must reach the base price of " + minimum.toPlainString() + " DZD"
                    : "A bid must be at least " + minimum.toPlainString() + " DZD: the current bid of "
                    + currentBid.toPlainString() + " DZD plus the minimum increment of "
                    + minIncrement.toPlainString() + " DZD");
        }
    }

    /**
     * The end once a bid came at {@code at}: unchanged unless the bid is inside the last
     * {@link #extension}; then that long after the bid, never more than {@link #maxExtension} past
     * {@code originalEnd}, never earlier than it was.
     */
    public Instant endAfterBid(Instant at, Instant endsAt, Instant originalEnd) {
        if (at.isBefore(endsAt.minus(extension))) {
            return endsAt;
        }
        Instant moved = at.plus(extension);
        Instant cap = originalEnd.plus(maxExtension);
        Instant end = moved.isAfter(cap) ? cap : moved;
        return end.isAfter(endsAt) ? end : endsAt;
    }

    /** When the ending-soon fact is due for an offer ending at {@code endsAt}. */
    public Instant endingSoonAt(Instant endsAt) {
        return endsAt.minus(endingSoonNotice);
    }
}
