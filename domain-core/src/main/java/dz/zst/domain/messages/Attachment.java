package dz.zst.domain.messages;

/**
 * A file sent with a message: its URL in the platform's storage (checked to be an upload of the
 * sender's), the name shown, and {@code image} or {@code file}.
 */
public record Attachment(String url, String name, String type) {
}
