package dz.zst.command.messages;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.command.storage.MediaUploads;
import dz.zst.domain.messages.Attachment;
import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.ConversationView;
import dz.zst.domain.messages.MessageCommands.MarkConversationReadCommand;
import dz.zst.domain.messages.MessageCommands.OpenConversationCommand;
import dz.zst.domain.messages.MessageCommands.Opened;
import dz.zst.domain.messages.MessageCommands.PostMessageCommand;
import dz.zst.domain.messages.MessageId;
import dz.zst.domain.messages.MessageQueries.CheckParticipantQuery;
import dz.zst.domain.messages.MessageQueries.ConversationRead;
import dz.zst.domain.messages.MessageQueries.FindConversationQuery;
import dz.zst.domain.messages.MessageQueries.FindMessageQuery;
import dz.zst.domain.messages.MessageRules;
import dz.zst.domain.messages.MessageView;
import dz.zst.domain.messages.Subject;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserQueries.FindUserQuery;
import dz.zst.domain.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Message writes (API.md §13). Each answers once the conversations read model shows it. Who may
 * talk about what is {@link ConversationSubjects}'; a conversation the caller is no participant
 * of is 404 before anything is sent. At most 30 messages a minute per user (app's
 * MessageLimitFilter, 429).
 */
@RestController
@RequestMapping("/api/v1/conversations")
@Tag(name = "Messages")
public class ConversationCommandController {

    /** {conversation, message}: the answer of an open. */
    public record Opening(ConversationView conversation, MessageView message) {
    }

    /** {message}: the answer of a post. */
    public record Posted(MessageView message) {
    }

    private final ConsistentWrites writes;
    private final ConversationSubjects subjects;
    private final MediaUploads uploads;
    private final Clock clock;

    public ConversationCommandController(ConsistentWrites writes, ConversationSubjects subjects, MediaUploads uploads,
                                         ObjectProvider<Clock> clock) {
        this.writes = writes;
        this.subjects = subjects;
        this.uploads = uploads;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping
    @Operation(summary = "Open the conversation with a party to a subject you can see, or reuse it, and post its "
            + "first message: 201 {conversation, message}, 200 when reused",
            description = "subject: {type: product|order|b2b_offer, id}. The recipient must be a party to it: a "
                    + "product's seller, an order's buyer or seller, an offer's owner or a seller of its target tier "
                    + "(else 400); a subject you cannot see is 404; yourself is 400. message: 1–2000 characters "
                    + "after trimming. At most 30 messages a minute (429).")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Opening.class)))
    @ApiResponse(responseCode = "200", description = "The conversation existed: the message is posted in it",
            content = @Content(schema = @Schema(implementation = Opening.class)))
    @ApiResponse(responseCode = "429", description = "More than 30 messages in the last minute")
    public ResponseEntity<Opening> open(@AuthenticationPrincipal Actor actor,
                                        @Validated @RequestBody ConversationRequests.Open body) {
        UserId recipientId = new UserId(UUID.fromString(body.recipientId()));
        if (actor.is(recipientId)) {
            throw new InvalidFieldException("recipient_id", "You cannot start a conversation with yourself");
        }
        MessageRules.content(body.message(), "message");
        UserView recipient = writes.ask(new FindUserQuery(recipientId), UserView.class);
        if (recipient == null || !recipient.isActive()) {
            throw new InvalidFieldException("recipient_id", "The recipient is not a party to this subject");
        }
        Subject subject = new Subject(body.subject().type(), UUID.fromString(body.subject().id()));
        String title = subjects.title(actor, subject, recipient);
        ConversationId conversationId = ConversationId.between(subject, actor.userId(), recipientId);
        MessageId messageId = MessageId.random();
        Opened opened = writes.send(new OpenConversationCommand(conversationId, subject, title, actor, recipientId,
                messageId, body.message(), List.of(), now()), conversationId.toString(),
                ReadModel.CONVERSATIONS);
        Opening answer = new Opening(writes.ask(new FindConversationQuery(conversationId, actor),
                ConversationView.class), writes.ask(new FindMessageQuery(messageId, actor), MessageView.class));
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    @PostMapping("/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Post a message in one of your conversations: 201 {message}",
            description = "content: 1–2000 characters after trimming; attachments: up to 10 {url, name, type: "
                    + "image|file}, each a file you uploaded with POST /api/v1/storage/message-attachments (images "
                    + "≤ 10 MB, files ≤ 25 MB). At most 30 messages a minute (429).")
    @ApiResponse(responseCode = "429", description = "More than 30 messages in the last minute")
    public Posted post(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                       @Validated @RequestBody ConversationRequests.Post body) {
        ConversationId conversationId = visible(actor, id);
        String content = MessageRules.content(body.content(), "content");
        List<Attachment> attachments = MessageRules.attachments(body.attachments());
        for (int i = 0; i < attachments.size(); i++) {
            uploads.requireMessageAttachment(actor, attachments.get(i).url(), "attachments[" + i + "].url");
        }
        MessageId messageId = MessageId.random();
        writes.send(new PostMessageCommand(conversationId, messageId, actor, content, attachments, now()),
                conversationId.toString(), ReadModel.CONVERSATIONS);
        return new Posted(writes.ask(new FindMessageQuery(messageId, actor), MessageView.class));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark every message of the other participant read: {conversation_id, read_at}",
            description = "The other participant gets conversation:read. A recipient who marked the conversation "
                    + "read in the last 10 seconds has it open: messages then notify nobody.")
    public ConversationRead read(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        ConversationId conversationId = visible(actor, id);
        Instant readAt = writes.send(new MarkConversationReadCommand(conversationId, actor, now()),
                conversationId.toString(), ReadModel.CONVERSATIONS);
        return new ConversationRead(conversationId.value(), readAt);
    }

    /** Microseconds, what the read model keeps: a read's answer is the read_at its messages show. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The conversation, if the caller is one of its participants (404 otherwise), checked before the
     * command so that an id of anything else never has its stream loaded as a conversation's.
     */
    private ConversationId visible(Actor actor, String id) {
        ConversationId conversationId = ConversationId.of(id);
        writes.ask(new CheckParticipantQuery(conversationId, actor), Boolean.class);
        return conversationId;
    }
}
