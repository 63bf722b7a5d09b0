package dz.zst.command.messages;

import dz.zst.domain.messages.Attachment;
import dz.zst.domain.messages.MessageRules;
import dz.zst.domain.messages.SubjectType;
import dz.zst.domain.shared.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Bodies of the message write routes (API.md §13); unknown fields are refused like everywhere.
 * Content is checked after trimming by the aggregate (1 to 2000 characters).
 */
final class ConversationRequests {
    private ConversationRequests() {
    }

    record SubjectRef(@NotNull SubjectType type, @NotNull @Pattern(regexp = Ids.UUID_PATTERN,
            message = "must be a UUID") String id) {
    }

    record Open(@NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = "must be a UUID") String recipientId,
                @NotNull @Valid SubjectRef subject,
                @NotNull String message) {
    }

    record Post(@NotNull String content,
                @Size(max = MessageRules.MAX_ATTACHMENTS) List<@NotNull Attachment> attachments) {
    }
}
