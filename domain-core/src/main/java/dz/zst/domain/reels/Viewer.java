package dz.zst.domain.reels;

import dz.zst.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who watched a reel, for counting each viewer once per 24 h (API.md §7): a signed-in user by id,
 * a guest by the device id its app sends. Only a digest of a guest's device id is kept (in Redis
 * and in the event store), never the id itself: it identifies a phone.
 */
public record Viewer(String key) {

    public static Viewer user(UserId userId) {
        return new Viewer("user:" + userId);
    }

    public static Viewer device(String deviceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(deviceId.getBytes(StandardCharsets.UTF_8));
            return new Viewer("device:" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
