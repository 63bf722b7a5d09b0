package dz.zst.domain.reels;

/**
 * The video a reel plays, as uploaded to storage (API.md §7).
 *
 * @param durationSeconds may be null when the client did not measure it
 * @param fileSizeBytes   may be null when the client did not say
 */
public record ReelVideo(String videoUrl, String videoStoragePath, String thumbnailUrl, Integer durationSeconds,
                        Long fileSizeBytes) {
}
