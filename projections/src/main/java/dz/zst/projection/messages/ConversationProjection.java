package dz.zst.projection.messages;

import static dz.zst.projection.shared.EventColumns.position;
import static dz.zst.projection.shared.EventColumns.utc;

import dz.zst.domain.messages.Attachment;
import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.MessageId;
import dz.zst.domain.messages.MessageEvents.ConversationOpenedEvent;
import dz.zst.domain.messages.MessageEvents.ConversationReadEvent;
import dz.zst.domain.messages.MessageEvents.MessagePostedEvent;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.UserId;
import dz.zst.projection.shared.JsonColumns;
import dz.zst.projection.shared.ReadModelGenerations;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The conversations, conversation_members and messages tables (API.md §13), folded from the
 * Conversation aggregate. Every event first moves its conversation's row, guarded by the event's
 * sequence; when the row had folded it already (a redelivery), the event changes nothing else, so
 * unread counts never move twice. A conversation's events are folded in their order (one stream,
 * one segment), so the guard is all the members and messages rows need. Writers wait for the
 * conversation's row ({@link ReadModel#CONVERSATIONS}). Times come from the events.
 */
@Component
@ProcessingGroup("messages")
public class ConversationProjection {

    private final JdbcClient jdbc;
    private final ReadModelGenerations generations;

    public ConversationProjection(JdbcClient jdbc, ReadModelGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE conversations, conversation_members, messages").update();
        generations.bump(ReadModel.CONVERSATIONS);
    }

    /**
     * The first event of its stream, with the first message: a row already there folded it, or
     * something after it.
     */
    @EventHandler
    void on(ConversationOpenedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        int inserted = jdbc.sql("""
                INSERT INTO conversations (id, subject_type, subject_id, subject_title, opened_by, recipient_id,
                                           last_message_id, last_sender_id, last_content, last_message_at,
                                           created_at, updated_at, version, position)
                VALUES (:id, :type, :subject, :title, :openedBy, :recipient, :message, :openedBy, :content, :at,
                        :at, :at, :version, :position)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", event.conversationId().value())
                .param("type", event.subject().type().wire())
                .param("subject", event.subject().id())
                .param("title", event.subjectTitle())
                .param("openedBy", event.openedBy().value())
                .param("recipient", event.recipientId().value())
                .param("message", event.messageId().value())
                .param("content", event.content())
                .param("at", utc(at))
                .param("version", version)
                .param("position", position(token))
                .update();
        if (inserted == 0) {
            return;
        }
        jdbc.sql("""
                INSERT INTO conversation_members (conversation_id, user_id, other_id, unread_count, active_at)
                VALUES (:id, :a, :b, 0, :at), (:id, :b, :a, 1, :at)
                ON CONFLICT DO NOTHING
                """)
                .param("id", event.conversationId().value())
                .param("a", event.openedBy().value())
                .param("b", event.recipientId().value())
                .param("at", utc(at))
                .update();
        insertMessage(event.conversationId(), event.messageId(), version, event.openedBy(), event.content(),
                event.attachments(), at, token);
    }

    @EventHandler
    void on(MessagePostedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        int moved = jdbc.sql("""
                UPDATE conversations SET last_message_id = :message, last_sender_id = :sender, last_content = :content,
                       last_message_at = :at, updated_at = :at, version = :version, position = :position
                WHERE id = :id AND version < :version
                """)
                .param("message", event.messageId().value())
                .param("sender", event.senderId().value())
                .param("content", event.content())
                .param("at", utc(at))
                .param("version", version)
                .param("position", position(token))
                .param("id", event.conversationId().value())
                .update();
        if (moved == 0) {
            return;
        }
        insertMessage(event.conversationId(), event.messageId(), version, event.senderId(), event.content(),
                event.attachments(), at, token);
        jdbc.sql("""
                UPDATE conversation_members
                SET active_at = :at, unread_count = unread_count + CASE WHEN user_id = :recipient THEN 1 ELSE 0 END
                WHERE conversation_id = :id
                """)
                .param("at", utc(at))
                .param("recipient", event.recipientId().value())
                .param("id", event.conversationId().value())
                .update();
    }

    @EventHandler
    void on(ConversationReadEvent event, @SequenceNumber long version, TrackingToken token) {
        if (!moved(event.conversationId(), version, token)) {
            return;
        }
        jdbc.sql("""
                UPDATE messages SET read_at = :readAt
                WHERE conversation_id = :id AND sender_id = :other AND read_at IS NULL AND sequence < :sequence
                """)
                .param("readAt", utc(event.readAt()))
                .param("id", event.conversationId().value())
                .param("other", event.otherId().value())
                .param("sequence", version)
                .update();
        jdbc.sql("""
                UPDATE conversation_members SET unread_count = 0, read_at = :readAt
                WHERE conversation_id = :id AND user_id = :reader
                """)
                .param("readAt", utc(event.readAt()))
                .param("id", event.conversationId().value())
                .param("reader", event.readerId().value())
                .update();
    }

    private void insertMessage(ConversationId conversationId, MessageId messageId, long sequence, UserId sender,
                               String content, List<Attachment> attachments, Instant at, TrackingToken token) {
        jdbc.sql("""
                INSERT INTO messages (id, conversation_id, sequence, sender_id, content, attachments, created_at,
                                      position)
                VALUES (:id, :conversation, :sequence, :sender, :content, CAST(:attachments AS jsonb), :at, :position)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", messageId.value())
                .param("conversation", conversationId.value())
                .param("sequence", sequence)
                .param("sender", sender.value())
                .param("content", content)
                .param("attachments", JsonColumns.write(attachments == null ? List.of() : attachments))
                .param("at", utc(at))
                .param("position", position(token))
                .update();
    }

    /** Moves the conversation's row to the event; false when it had folded it already. */
    private boolean moved(ConversationId conversationId, long version, TrackingToken token) {
        return jdbc.sql("UPDATE conversations SET version = :version, position = :position "
                        + "WHERE id = :id AND version < :version")
                .param("version", version)
                .param("position", position(token))
                .param("id", conversationId.value())
                .update() > 0;
    }
}
