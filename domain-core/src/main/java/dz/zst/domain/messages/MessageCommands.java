package dz.zst.domain.messages;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.UserId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of the conversations (API.md §13), each with its actor and the instant it is decided at. */
public final class MessageCommands {
    private MessageCommands() {
    }

    /**
     * Opens the conversation of the sender and the recipient about the subject, or reuses it, and
     * posts the first message. Answers {@link Opened}.
     *
     * @param subjectTitle what the subject is called when the conversation opens (kept with it)
     */
    public record OpenConversationCommand(@TargetAggregateIdentifier ConversationId conversationId, Subject subject,
                                          String subjectTitle, Actor sender, UserId recipientId, MessageId messageId,
                                          String content, List<Attachment> attachments, Instant at) {
    }

    /** Whether the open created the conversation (201) or found it there (200). */
    public record Opened(boolean created) {
    }

    public record PostMessageCommand(@TargetAggregateIdentifier ConversationId conversationId, MessageId messageId,
                                     Actor sender, String content, List<Attachment> attachments, Instant at) {
    }

    /** Marks every message of the other participant read. Answers the read's {@link Instant}. */
    public record MarkConversationReadCommand(@TargetAggregateIdentifier ConversationId conversationId, Actor reader,
                                              Instant at) {
    }
}
