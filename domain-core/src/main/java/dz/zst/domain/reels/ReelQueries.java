package dz.zst.domain.reels;

/** Queries over reels (API.md §7). A deleted or unknown reel is a NotFoundException (404). */
public final class ReelQueries {
    private ReelQueries() {
    }

    /** A reel's live counters. Answers {@link ReelStats}. */
    public record FindReelStatsQuery(ReelId reelId) {
    }
}
