package dz.zst.domain.reels;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The stream of one viewer's counted views of one reel (one event per 24 h window at most). */
public record ReelViewerId(UUID value) {

    public static ReelViewerId of(ReelId reelId, Viewer viewer) {
        return new ReelViewerId(UUID.nameUUIDFromBytes(("reel-view/" + reelId + "/" + viewer.key())
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
