package dz.zst.domain.reels;

/**
 * A reel's counters as the realtime gateway sends them ({@code reel:stats}, API.md §11); the
 * field names are the contract's camelCase.
 */
public record ReelStats(String reelId, long likesCount, long commentsCount, long viewsCount) {
}
