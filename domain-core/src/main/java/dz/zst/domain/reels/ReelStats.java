package dz.zst.domain.reels;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A reel's counters as the realtime gateway sends them ({@code reel:stats}, API.md §11); the
 * field names are the contract's camelCase.
 */
public record ReelStats(@JsonProperty("reelId") String reelId, @JsonProperty("likesCount") long likesCount,
                        @JsonProperty("commentsCount") long commentsCount,
                        @JsonProperty("viewsCount") long viewsCount) {
}
