package dz.zst.command.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Where uploaded media lives: local files under the data folder, or an S3-compatible bucket
 * (Cloudflare R2). Chosen once at startup by {@link StorageConfiguration}; callers never know which.
 * Objects are public by key: anyone with the URL can read them, only the API (or a holder of a
 * presigned upload) can write them.
 */
public interface FileStorage {

    /** Stores exactly {@code size} bytes of {@code content} under {@code key}, replacing any object there. */
    void put(StorageKey key, InputStream content, String contentType, long size);

    default void put(StorageKey key, byte[] content, String contentType) {
        put(key, new ByteArrayInputStream(content), contentType, content.length);
    }

    boolean exists(StorageKey key);

    /** Removes the object; removing a missing object is not an error. */
    void delete(StorageKey key);

    String publicUrl(StorageKey key);

    /** The key whose public URL {@code url} is, if it is one of this storage's; none for any other URL. */
    default Optional<StorageKey> keyOf(String url) {
        String probe = publicUrl(new StorageKey("k"));
        String base = probe.substring(0, probe.length() - 1);
        if (url == null || !url.startsWith(base)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StorageKey(url.substring(base.length())));
        } catch (IllegalArgumentException notAKey) {
            return Optional.empty();
        }
    }

    /** A URL that accepts one PUT of {@code size} bytes of {@code contentType} under {@code key} until {@code ttl} passes. */
    PresignedUpload presignPut(StorageKey key, String contentType, long size, Duration ttl);
}
