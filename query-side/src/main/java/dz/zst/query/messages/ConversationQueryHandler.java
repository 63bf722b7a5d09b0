package dz.zst.query.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dz.zst.domain.messages.Attachment;
import dz.zst.domain.messages.ConversationView;
import dz.zst.domain.messages.ConversationView.LastMessage;
import dz.zst.domain.messages.ConversationView.SubjectView;
import dz.zst.domain.messages.MessageQueries.CheckParticipantQuery;
import dz.zst.domain.messages.MessageQueries.ConversationPage;
import dz.zst.domain.messages.MessageQueries.CountUnreadMessagesQuery;
import dz.zst.domain.messages.MessageQueries.FindConversationQuery;
import dz.zst.domain.messages.MessageQueries.FindMessageQuery;
import dz.zst.domain.messages.MessageQueries.ListConversationsQuery;
import dz.zst.domain.messages.MessageQueries.ListMessagesQuery;
import dz.zst.domain.messages.MessageQueries.MessagePage;
import dz.zst.domain.messages.MessageQueries.UnreadMessages;
import dz.zst.domain.messages.MessageView;
import dz.zst.domain.messages.SubjectType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.PagedResult;
import dz.zst.domain.shared.PublicSellerView;
import dz.zst.domain.shared.SellerCategory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A user's conversations and their messages (API.md §13), from the conversations read model. Every
 * statement goes through the caller's conversation_members row: a conversation the caller is no
 * participant of is not found, whoever asks (admins too). Not cached: every message changes two
 * users' lists.
 */
@Component
public class ConversationQueryHandler {

    private static final String CONVERSATIONS = """
            SELECT c.id, c.subject_type, c.subject_id, c.subject_title, c.last_message_id, c.last_sender_id,
                   c.last_content, c.last_message_at, c.created_at, c.updated_at, m.unread_count,
                   c.opened_by, a.full_name AS a_name, a.avatar_url AS a_avatar, a.seller_category AS a_tier,
                   a.wilaya AS a_wilaya, a.is_verified AS a_verified,
                   c.recipient_id, b.full_name AS b_name, b.avatar_url AS b_avatar, b.seller_category AS b_tier,
                   b.wilaya AS b_wilaya, b.is_verified AS b_verified
            FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
            LEFT JOIN users a ON a.id = c.opened_by LEFT JOIN users b ON b.id = c.recipient_id
            """;
    private static final String MESSAGE_COLUMNS = """
            SELECT id, conversation_id, sender_id, content, attachments::text AS attachments, created_at, read_at
            FROM messages
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    /**
     * Memberships seen in the rows ("conversation/user"): a conversation's two participants are
     * fixed when it opens and nothing removes one, so a membership once found holds for good, and a
     * participant's every message and read skips the statement. Absences are not remembered (a
     * conversation opened a moment ago on another node).
     */
    private final Cache<String, Boolean> memberships;

    public ConversationQueryHandler(JdbcClient jdbc,
                                    @Value("${zst.messages.memberships-cached:100000}") long membershipsCached) {
        this.jdbc = jdbc;
        this.memberships = Caffeine.newBuilder().maximumSize(membershipsCached).build();
    }

    @QueryHandler
    public ConversationPage list(ListConversationsQuery query) {
        String where = " WHERE m.user_id = :me" + (query.unreadOnly() ? " AND m.unread_count > 0" : "");
        UUID me = query.viewer().userId().value();
        long total = jdbc.sql("SELECT count(*) FROM conversation_members m" + where)
                .param("me", me).query(Long.class).single();
        List<ConversationView> data = jdbc.sql(CONVERSATIONS + where
                        + " ORDER BY m.active_at DESC, m.conversation_id LIMIT :limit OFFSET :offset")
                .param("me", me)
                .param("limit", query.page().limit())
                .param("offset", query.page().offset())
                .query((rs, row) -> conversation(rs))
                .list();
        return new ConversationPage(PagedResult.of(data, query.page(), total));
    }

    @QueryHandler
    public ConversationView find(FindConversationQuery query) {
        return jdbc.sql(CONVERSATIONS + " WHERE m.user_id = :me AND m.conversation_id = :id")
                .param("me", participant(query.viewer()))
                .param("id", query.conversationId().value())
                .query((rs, row) -> conversation(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("Conversation not found"));
    }

    @QueryHandler
    public Boolean participant(CheckParticipantQuery query) {
        requireMember(query.conversationId().value(), participant(query.viewer()));
        return Boolean.TRUE;
    }

    private void requireMember(UUID conversation, UUID me) {
        String key = conversation + "/" + me;
        if (memberships.getIfPresent(key) != null) {
            return;
        }
        boolean member = jdbc.sql("SELECT EXISTS (SELECT 1 FROM conversation_members WHERE conversation_id = :id "
                        + "AND user_id = :me)")
                .param("id", conversation).param("me", me).query(Boolean.class).single();
        if (!member) {
            throw new NotFoundException("Conversation not found");
        }
        memberships.put(key, Boolean.TRUE);
    }

    /**
     * Newest first by the conversation's event order; {@code before} keeps the page anchored on a
     * message, so messages arriving meanwhile never shift what the next page holds.
     */
    @QueryHandler
    public MessagePage messages(ListMessagesQuery query) {
        UUID conversation = query.conversationId().value();
        requireMember(conversation, participant(query.viewer()));
        long before = Long.MAX_VALUE;
        if (query.before() != null) {
            before = jdbc.sql("SELECT sequence FROM messages WHERE id = :before AND conversation_id = :id")
                    .param("before", query.before().value()).param("id", conversation)
                    .query(Long.class).optional()
                    .orElseThrow(() -> new InvalidFieldException("before",
                            "before must be a message of this conversation"));
        }
        long total = jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = :id AND sequence < :before")
                .param("id", conversation).param("before", before).query(Long.class).single();
        List<MessageView> data = jdbc.sql(MESSAGE_COLUMNS + " WHERE conversation_id = :id AND sequence < :before "
                        + "ORDER BY sequence DESC LIMIT :limit OFFSET :offset")
                .param("id", conversation)
                .param("before", before)
                .param("limit", query.page().limit())
                .param("offset", query.page().offset())
                .query((rs, row) -> message(rs))
                .list();
        return new MessagePage(PagedResult.of(data, query.page(), total));
    }

    @QueryHandler
    public MessageView message(FindMessageQuery query) {
        return jdbc.sql(MESSAGE_COLUMNS + " WHERE id = :id AND EXISTS (SELECT 1 FROM conversation_members m "
                        + "WHERE m.conversation_id = messages.conversation_id AND m.user_id = :me)")
                .param("id", query.messageId().value())
                .param("me", participant(query.viewer()))
                .query((rs, row) -> message(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("Message not found"));
    }

    @QueryHandler
    public UnreadMessages unread(CountUnreadMessagesQuery query) {
        return new UnreadMessages(jdbc.sql("SELECT coalesce(sum(unread_count), 0) FROM conversation_members "
                        + "WHERE user_id = :me AND unread_count > 0")
                .param("me", participant(query.viewer()))
                .query(Long.class)
                .single());
    }

    /** Guests have no conversations. */
    private static UUID participant(Actor viewer) {
        if (viewer == null) {
            throw new NotFoundException("Conversation not found");
        }
        return viewer.userId().value();
    }

    private static ConversationView conversation(ResultSet rs) throws SQLException {
        UUID lastId = rs.getObject("last_message_id", UUID.class);
        LastMessage last = lastId == null ? null : new LastMessage(lastId, rs.getObject("last_sender_id", UUID.class),
                rs.getString("last_content"), instant(rs, "last_message_at"));
        return new ConversationView(rs.getObject("id", UUID.class),
                new SubjectView(SubjectType.fromWire(rs.getString("subject_type")),
                        rs.getObject("subject_id", UUID.class), rs.getString("subject_title")),
                List.of(person(rs, "opened_by", "a_"), person(rs, "recipient_id", "b_")), last,
                rs.getLong("unread_count"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    /** A user whose row is gone still has an id to show. */
    private static PublicSellerView person(ResultSet rs, String idColumn, String prefix) throws SQLException {
        String tier = rs.getString(prefix + "tier");
        return new PublicSellerView(rs.getString(idColumn), rs.getString(prefix + "name"),
                rs.getString(prefix + "avatar"), tier == null ? null : SellerCategory.fromWire(tier),
                rs.getString(prefix + "wilaya"), rs.getBoolean(prefix + "verified"));
    }

    private static MessageView message(ResultSet rs) throws SQLException {
        List<Attachment> attachments;
        try {
            attachments = JSON.readValue(rs.getString("attachments"), ATTACHMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable attachments of message " + rs.getString("id"), e);
        }
        return new MessageView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getObject("sender_id", UUID.class), rs.getString("content"), attachments,
                instant(rs, "created_at"), instant(rs, "read_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
