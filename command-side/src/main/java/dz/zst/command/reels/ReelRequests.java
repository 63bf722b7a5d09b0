package dz.zst.command.reels;

import dz.zst.command.storage.MediaUploads;
import dz.zst.domain.shared.Ids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Bodies of the reel write routes (API.md §7); unknown fields are refused like everywhere. */
final class ReelRequests {
    private ReelRequests() {
    }

    static final String URL_PATTERN = "https?://\\S+|/media/\\S+";

    /** @param duration seconds, as the app names it */
    record Publish(
            @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = "must be a UUID") String productId,
            @NotBlank @Size(max = 2048) @Pattern(regexp = URL_PATTERN, message = "must be an http(s) URL") String videoUrl,
            @NotBlank @Size(max = 1024) String videoStoragePath,
            @Size(max = 2048) @Pattern(regexp = URL_PATTERN, message = "must be an http(s) URL") String thumbnailUrl,
            @PositiveOrZero @Max(3600) Integer duration,
            @PositiveOrZero @Max(MediaUploads.VIDEO_LIMIT_BYTES) Long fileSizeBytes,
            @Size(max = Reel.MAX_CAPTION) String caption) {
    }

    record Caption(@Size(max = Reel.MAX_CAPTION) String caption) {
    }

    record Comment(@NotBlank @Size(max = ReelComment.MAX_CONTENT) String content) {
    }

    /** A guest's viewer identity; signed-in viewers are counted by user id and need none. */
    record View(@Size(min = View.DEVICE_ID_MIN, max = View.DEVICE_ID_MAX) String deviceId) {
        /** A device id's length, in the body or the X-Device-Id header: too short to guess, short enough to keep. */
        static final int DEVICE_ID_MIN = 8;
        static final int DEVICE_ID_MAX = 128;
    }
}
