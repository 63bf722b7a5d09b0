package dz.zst.domain.reels;

import dz.zst.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

public record ReelId(UUID value) {
    public ReelId {
        Objects.requireNonNull(value, "reel id");
    }

    public static ReelId of(String value) {
        return new ReelId(Ids.parse(value, "Reel"));
    }

    public static ReelId random() {
        return new ReelId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
