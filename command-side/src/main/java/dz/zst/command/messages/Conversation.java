package dz.zst.command.messages;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dz.zst.domain.messages.Attachment;
import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.MessageCommands.MarkConversationReadCommand;
import dz.zst.domain.messages.MessageCommands.OpenConversationCommand;
import dz.zst.domain.messages.MessageCommands.Opened;
import dz.zst.domain.messages.MessageCommands.PostMessageCommand;
import dz.zst.domain.messages.MessageEvents.ConversationOpenedEvent;
import dz.zst.domain.messages.MessageEvents.ConversationReadEvent;
import dz.zst.domain.messages.MessageEvents.MessagePostedEvent;
import dz.zst.domain.messages.MessageId;
import dz.zst.domain.messages.MessageRules;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Two users talking about one subject (API.md §13): their messages and read receipts. Its id
 * derives from the subject and the pair ({@link ConversationId#between}), so opening is "create if
 * missing": when both users open it at the same instant, on one node or two, the event store's
 * unique key lets one append the opening, and the other's command, retried as a lost append race,
 * finds the conversation and posts into it. Messages are ordered by the stream's sequence; the
 * first message is the opening event itself.
 *
 * <p>The aggregate keeps, per participant, the first message of its current unread run and when it
 * last marked the conversation read: each message carries both, so the notifications group makes
 * one notification per run and none for a recipient who has the conversation open.
 */
@Aggregate(cache = "aggregateCache")
public class Conversation {

    /** A read with nothing new to mark still says the reader has the conversation open, at most this often. */
    static final Duration READ_RENEWAL = Duration.ofSeconds(1);

    @AggregateIdentifier
    private ConversationId id;
    private UserId first;
    private UserId second;
    private final Map<UserId, MessageId> unreadSince = new HashMap<>();
    private final Map<UserId, Instant> readAt = new HashMap<>();

    protected Conversation() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Opened handle(OpenConversationCommand command) {
        Actor sender = Objects.requireNonNull(command.sender(), "sender");
        UserId recipient = Objects.requireNonNull(command.recipientId(), "recipient");
        if (sender.is(recipient)) {
            throw new InvalidFieldException("recipient_id", "You cannot start a conversation with yourself");
        }
        String content = MessageRules.content(command.content(), "message");
        List<Attachment> attachments = MessageRules.attachments(command.attachments());
        if (id == null) {
            if (!command.conversationId().equals(ConversationId.between(command.subject(), sender.userId(),
                    recipient))) {
                throw new IllegalArgumentException("conversation id does not derive from its subject and participants");
            }
            apply(new ConversationOpenedEvent(command.conversationId(), command.subject(), command.subjectTitle(),
                    sender.userId(), recipient, Objects.requireNonNull(command.messageId(), "message id"), content,
                    attachments));
            return new Opened(true);
        }
        if (!isParticipant(sender.userId()) || !isParticipant(recipient)) {
            throw new IllegalStateException("conversation " + id + " is not between its id's participants");
        }
        post(command.messageId(), sender.userId(), content, attachments, command.at());
        return new Opened(false);
    }

    @CommandHandler
    public void handle(PostMessageCommand command) {
        UserId sender = participant(command.sender());
        post(command.messageId(), sender, MessageRules.content(command.content(), "content"),
                MessageRules.attachments(command.attachments()), command.at());
    }

    /**
     * Marks the other participant's messages read. Recorded when there is something unread, and
     * otherwise at most once a {@link #READ_RENEWAL}: it renews "has the conversation open".
     */
    @CommandHandler
    public Instant handle(MarkConversationReadCommand command) {
        UserId reader = participant(command.reader());
        Instant at = Objects.requireNonNull(command.at(), "at");
        Instant last = readAt.get(reader);
        if (unreadSince.containsKey(reader) || last == null || !at.isBefore(last.plus(READ_RENEWAL))) {
            apply(new ConversationReadEvent(id, reader, other(reader), at));
            return at;
        }
        return last;
    }

    private void post(MessageId messageId, UserId sender, String content, List<Attachment> attachments, Instant at) {
        Objects.requireNonNull(at, "at");
        UserId recipient = other(sender);
        Instant recipientRead = readAt.get(recipient);
        boolean reading = recipientRead != null && !at.isAfter(recipientRead.plus(MessageRules.READING_WINDOW));
        apply(new MessagePostedEvent(id, Objects.requireNonNull(messageId, "message id"), sender, recipient, content,
                attachments, unreadSince.getOrDefault(recipient, messageId), reading));
    }

    /** The actor as a participant; to anyone else the conversation does not exist. */
    private UserId participant(Actor actor) {
        if (actor == null || !isParticipant(actor.userId())) {
            throw new NotFoundException("Conversation not found");
        }
        return actor.userId();
    }

    private boolean isParticipant(UserId user) {
        return user.equals(first) || user.equals(second);
    }

    private UserId other(UserId participant) {
        return participant.equals(first) ? second : first;
    }

    @EventSourcingHandler
    void on(ConversationOpenedEvent event) {
        id = event.conversationId();
        first = event.openedBy();
        second = event.recipientId();
        unreadSince.put(event.recipientId(), event.messageId());
    }

    @EventSourcingHandler
    void on(MessagePostedEvent event) {
        unreadSince.putIfAbsent(event.recipientId(), event.messageId());
    }

    @EventSourcingHandler
    void on(ConversationReadEvent event) {
        unreadSince.remove(event.readerId());
        readAt.put(event.readerId(), event.readAt());
    }
}
