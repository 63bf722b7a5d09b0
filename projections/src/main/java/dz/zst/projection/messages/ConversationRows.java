package dz.zst.projection.messages;

import static dz.zst.projection.shared.EventColumns.utc;

import dz.zst.domain.messages.Attachment;
import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.MessageEvents.ConversationOpenedEvent;
import dz.zst.domain.messages.MessageEvents.ConversationReadEvent;
import dz.zst.domain.messages.MessageEvents.MessagePostedEvent;
import dz.zst.domain.messages.MessageId;
import dz.zst.domain.shared.UserId;
import dz.zst.projection.shared.JsonColumns;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The writes of the conversations, conversation_members and messages tables, one method per event,
 * shared by the two folds of the read model: the messages group's ({@link ConversationProjection})
 * and the one inside the transaction that stores a write ({@link ConversationsFoldedAtCommit}).
 *
 * <p>Every event first moves its conversation's row, and only a row whose version is in
 * {@code [since, version)} moves; when none did (the row folded the event already, or is not where
 * the caller needs it), the event changes nothing else, so unread counts never move twice. The
 * group passes {@link #ANY_OLDER}: it folds a conversation's events in their order, so any older
 * row is the one before. Each method answers whether the event was folded.
 */
@Component
class ConversationRows {

    /** {@code since} of a fold that takes a row at any older version. */
    static final long ANY_OLDER = -1;

    private final JdbcClient jdbc;

    ConversationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The first event of its stream, with the first message: a row already there folded it, or something after it. */
    boolean opened(ConversationOpenedEvent event, Instant at, long version, long position) {
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
                .param("position", position)
                .update();
        if (inserted == 0) {
            return false;
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
                event.attachments(), at, position);
        return true;
    }

    /**
     * One statement, one round trip (a message is the hot write): the conversation's row moved, the
     * message inserted and both members' activity and the recipient's unread count updated only if
     * the row moved. A null {@code position} and {@code at} are the event's own global index and
     * timestamp as the event store holds them (for the fold in the transaction that appended it; a
     * database without the event, Axon Server's store, moves nothing). Answers the position folded,
     * or null when the row did not move.
     */
    Long posted(MessagePostedEvent event, Instant at, long version, Long position, long since) {
        return jdbc.sql("""
                WITH event AS (
                    SELECT COALESCE(CAST(:position AS bigint), e.globalindex) AS position,
                           COALESCE(CAST(:at AS timestamptz), CAST(e.timestamp AS timestamptz)) AS at
                    FROM (SELECT 1) AS one
                    LEFT JOIN domainevententry e ON CAST(:position AS bigint) IS NULL
                         AND e.aggregateidentifier = :aggregate AND e.sequencenumber = :version
                ), moved AS (
                    UPDATE conversations c SET last_message_id = :message, last_sender_id = :sender,
                           last_content = :content, last_message_at = event.at, updated_at = event.at,
                           version = :version, position = event.position
                    FROM event
                    WHERE c.id = :id AND c.version < :version AND c.version >= :since AND event.position IS NOT NULL
                    RETURNING c.id, c.position, event.at
                ), message AS (
                    INSERT INTO messages (id, conversation_id, sequence, sender_id, content, attachments, created_at,
                                          position)
                    SELECT :message, id, :version, :sender, :content, CAST(:attachments AS jsonb), at, position
                    FROM moved
                    ON CONFLICT (id) DO NOTHING
                ), members AS (
                    UPDATE conversation_members m
                    SET active_at = moved.at,
                        unread_count = m.unread_count + CASE WHEN m.user_id = :recipient THEN 1 ELSE 0 END
                    FROM moved
                    WHERE m.conversation_id = moved.id
                )
                SELECT position FROM moved
                """)
                .param("message", event.messageId().value())
                .param("sender", event.senderId().value())
                .param("content", event.content())
                .param("at", at == null ? null : utc(at))
                .param("version", version)
                .param("position", position)
                .param("aggregate", event.conversationId().toString())
                .param("id", event.conversationId().value())
                .param("since", since)
                .param("attachments", JsonColumns.write(event.attachments() == null ? List.of() : event.attachments()))
                .param("recipient", event.recipientId().value())
                .query(Long.class).optional().orElse(null);
    }

    boolean read(ConversationReadEvent event, long version, long position, long since) {
        int moved = jdbc.sql("UPDATE conversations SET version = :version, position = :position "
                        + "WHERE id = :id AND version < :version AND version >= :since")
                .param("version", version)
                .param("position", position)
                .param("id", event.conversationId().value())
                .param("since", since)
                .update();
        if (moved == 0) {
            return false;
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
        return true;
    }

    private void insertMessage(ConversationId conversationId, MessageId messageId, long sequence, UserId sender,
                               String content, List<Attachment> attachments, Instant at, long position) {
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
                .param("position", position)
                .update();
    }
}
