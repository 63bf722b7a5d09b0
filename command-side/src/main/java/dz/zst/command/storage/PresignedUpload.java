package dz.zst.command.storage;

import java.time.Instant;
import java.util.Map;

/**
 * A one-off permission to PUT one object straight to storage, bypassing the API for large files.
 * The client sends {@code method} to {@code uploadUrl} with exactly {@code headers} and the body;
 * afterwards the object is readable at {@code publicUrl}.
 */
public record PresignedUpload(String uploadUrl, String method, Map<String, String> headers, String key,
                              String publicUrl, Instant expiresAt) {
}
