package dz.zst.command.storage;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Bodies of the storage routes (API.md §4, §7). */
public final class StorageResponses {
    private StorageResponses() {
    }

    /** The earlier backend answered these keys in camelCase, and the app reads them so. */
    public record ProductImageUploaded(@JsonProperty("message") String message, @JsonProperty("url") String url,
                                       @JsonProperty("key") String key,
                                       @JsonProperty("thumbnailUrl") String thumbnailUrl,
                                       @JsonProperty("thumbnailKey") String thumbnailKey) {
    }

    public record FileStored(String url, String key) {
    }

    public record ReelVideoUploaded(String message, String url, String key) {
    }

    public record FileDeleted(String message, String key) {
    }

    /** What a message's {@code attachments[]} entry takes, and the key to delete it by. */
    public record MessageAttachmentStored(String url, String key, String name, String type) {
    }
}
