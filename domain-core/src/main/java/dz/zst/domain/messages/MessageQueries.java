package dz.zst.domain.messages;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import java.time.Instant;
import java.util.UUID;

/**
 * Queries over the conversations. Only the two participants see a conversation: to anyone else it
 * does not exist (NotFoundException, 404), admins included.
 */
public final class MessageQueries {
    private MessageQueries() {
    }

    /** The viewer's conversations, most recently active first. Answers a {@link ConversationPage}. */
    public record ListConversationsQuery(Actor viewer, boolean unreadOnly, PageRequest page) {
    }

    /** Answers a {@link ConversationView}. */
    public record FindConversationQuery(ConversationId conversationId, Actor viewer) {
    }

    /**
     * Whether the viewer may act in the conversation: answers true, or fails as a conversation
     * that does not exist (before a write, so a stranger's command never loads the stream).
     */
    public record CheckParticipantQuery(ConversationId conversationId, Actor viewer) {
    }

    /**
     * A conversation's messages, newest first; with {@code before}, only those older than that
     * message (a cursor that new messages do not move). Answers a {@link MessagePage}.
     */
    public record ListMessagesQuery(ConversationId conversationId, Actor viewer, MessageId before, PageRequest page) {
    }

    /** Answers a {@link MessageView}. */
    public record FindMessageQuery(MessageId messageId, Actor viewer) {
    }

    /** Messages of others not read yet by the viewer, all conversations. Answers an {@link UnreadMessages}. */
    public record CountUnreadMessagesQuery(Actor viewer) {
    }

    public record ConversationPage(PagedResult<ConversationView> page) {
    }

    public record MessagePage(PagedResult<MessageView> page) {
    }

    public record UnreadMessages(long count) {
    }

    /** The answer of a read mark. */
    public record ConversationRead(UUID conversationId, Instant readAt) {
    }
}
