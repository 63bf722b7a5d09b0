package dz.zst.domain.reels;

import java.util.Locale;

/**
 * Orders of the reel list. {@code trending} ranks by engagement with time decay: every like,
 * comment and counted view adds its weight (3, 5 and 1; the reel's publication adds 10), and each
 * contribution halves every {@value #HALF_LIFE_HOURS} hours after it happened. A reel liked a lot
 * this morning outranks one liked a lot last week. Unlikes and deletions do not take weight back:
 * the score measures recent attention, and the counts show the rest.
 */
public enum ReelSort {
    RECENT, TRENDING;

    public static final int HALF_LIFE_HOURS = 24;
    public static final double PUBLISH_WEIGHT = 10;
    public static final double LIKE_WEIGHT = 3;
    public static final double COMMENT_WEIGHT = 5;
    public static final double VIEW_WEIGHT = 1;

    /** @throws IllegalArgumentException for anything but the contract's values */
    public static ReelSort fromWire(String value) {
        if (value == null) {
            return RECENT;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "recent" -> RECENT;
            case "trending" -> TRENDING;
            default -> throw new IllegalArgumentException("sort must be one of the following values: recent, trending");
        };
    }

    /**
     * The log2 of a contribution of {@code weight} at {@code epochSecond}, relative to a fixed
     * epoch. Scores are kept as log2 of the decayed sum ("forward decay"): the ranking of every reel
     * stays right without ever recomputing old scores, and the logarithm keeps the numbers small
     * however many years pass.
     */
    public static double logContribution(double weight, long epochSecond) {
        return Math.log(weight) / Math.log(2) + (epochSecond - 1_767_225_600L) / (HALF_LIFE_HOURS * 3600.0);
    }

    /** log2(2^a + 2^b) without overflow. */
    public static double logSum(double a, double b) {
        double high = Math.max(a, b);
        double low = Math.min(a, b);
        return high + Math.log1p(Math.pow(2, low - high)) / Math.log(2);
    }
}
