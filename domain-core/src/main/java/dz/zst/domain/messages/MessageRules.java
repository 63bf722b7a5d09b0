package dz.zst.domain.messages;

import dz.zst.domain.shared.InvalidFieldException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The rules of a message's content and attachments (API.md §13). */
public final class MessageRules {

    public static final int MAX_CONTENT = 2000;
    public static final int MAX_ATTACHMENTS = 10;
    public static final int MAX_ATTACHMENT_NAME = 255;
    public static final Set<String> ATTACHMENT_TYPES = Set.of("image", "file");
    /**
     * A recipient who marked the conversation read this recently has it open (the app marks it read
     * as messages arrive while it shows it): a message then makes no notification and no push.
     */
    public static final Duration READING_WINDOW = Duration.ofSeconds(10);

    private MessageRules() {
    }

    /** The content trimmed, 1 to {@value #MAX_CONTENT} characters. */
    public static String content(String content, String field) {
        String trimmed = content == null ? "" : content.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidFieldException(field, field + " must not be blank");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_CONTENT) {
            throw new InvalidFieldException(field, field + " must be at most " + MAX_CONTENT + " characters");
        }
        return trimmed;
    }

    public static List<Attachment> attachments(List<Attachment> attachments) {
        if (attachments == null) {
            return List.of();
        }
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw new InvalidFieldException("attachments", "attachments must be at most " + MAX_ATTACHMENTS);
        }
        for (int i = 0; i < attachments.size(); i++) {
            Attachment attachment = attachments.get(i);
            String at = "attachments[" + i + "]";
            if (attachment == null || attachment.url() == null || attachment.url().isBlank()) {
                throw new InvalidFieldException(at + ".url", at + ".url must not be blank");
            }
            if (attachment.name() == null || attachment.name().isBlank()
                    || attachment.name().length() > MAX_ATTACHMENT_NAME) {
                throw new InvalidFieldException(at + ".name", at + ".name must be 1 to " + MAX_ATTACHMENT_NAME
                        + " characters");
            }
            if (!ATTACHMENT_TYPES.contains(attachment.type())) {
                throw new InvalidFieldException(at + ".type", at + ".type must be one of image, file");
            }
        }
        return List.copyOf(attachments);
    }
}
