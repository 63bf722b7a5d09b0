package dz.zst.command.storage;

import java.util.regex.Pattern;

/**
 * The name of a stored object, relative to the bucket or the local media folder. Every segment
 * starts with a letter or digit, so a key can never climb out of its folder ("..") nor name a hidden
 * file, and it can be used in a URL path without escaping.
 */
public record StorageKey(String value) {

    private static final Pattern SHAPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,15}");

    public StorageKey {
        if (value == null || value.length() > 512 || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("key is not a valid storage key");
        }
    }

    /** Accepts the key as it arrives in a URL path, where the router leaves a leading slash. */
    public static StorageKey fromPath(String path) {
        return new StorageKey(path != null && path.startsWith("/") ? path.substring(1) : path);
    }

    public String[] segments() {
        return value.split("/");
    }

    @Override
    public String toString() {
        return value;
    }
}
