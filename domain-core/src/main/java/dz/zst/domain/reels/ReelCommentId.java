package dz.zst.domain.reels;

import dz.zst.domain.shared.Ids;
import java.util.UUID;

public record ReelCommentId(UUID value) {

    public static ReelCommentId of(String value) {
        return new ReelCommentId(Ids.parse(value, "Comment"));
    }

    public static ReelCommentId random() {
        return new ReelCommentId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
