package dz.zst.domain.messages;

import dz.zst.domain.shared.UserId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Events of the Conversation aggregate: its messages and read receipts, each with its actor in the
 * metadata. The order of a conversation's messages is its events' sequence, the same for every
 * reader. Facts forever: change only through upcasters.
 */
public final class MessageEvents {
    private MessageEvents() {
    }

    /**
     * The conversation is opened with its first message, in one event: an append of several events
     * can be folded across two batches, and the first batch's tracking position (a gap-aware
     * token's, the highest index seen) may already pass the second event's index, so a writer
     * waiting for its message was answered before the message was folded (bench/messages.sh: 404s
     * under load).
     */
    @Revision("1")
    public record ConversationOpenedEvent(ConversationId conversationId, Subject subject, String subjectTitle,
                                          UserId openedBy, UserId recipientId, MessageId messageId, String content,
                                          List<Attachment> attachments) {
    }

    /**
     * @param unreadSince      the first message of the recipient's current unread run (this one when
     *                         the recipient had read everything): the run is one message_new notification
     * @param recipientReading the recipient marked the conversation read within
     *                         {@link MessageRules#READING_WINDOW}: it has it open, nobody is notified
     */
    @Revision("1")
    public record MessagePostedEvent(ConversationId conversationId, MessageId messageId, UserId senderId,
                                     UserId recipientId, String content, List<Attachment> attachments,
                                     MessageId unreadSince, boolean recipientReading) {
    }

    /** The reader has read every message the other participant posted before this event. */
    @Revision("1")
    public record ConversationReadEvent(ConversationId conversationId, UserId readerId, UserId otherId,
                                        Instant readAt) {
    }
}
