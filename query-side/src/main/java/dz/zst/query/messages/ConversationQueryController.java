package dz.zst.query.messages;

import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.ConversationView;
import dz.zst.domain.messages.MessageId;
import dz.zst.domain.messages.MessageQueries.ConversationPage;
import dz.zst.domain.messages.MessageQueries.CountUnreadMessagesQuery;
import dz.zst.domain.messages.MessageQueries.FindConversationQuery;
import dz.zst.domain.messages.MessageQueries.ListConversationsQuery;
import dz.zst.domain.messages.MessageQueries.ListMessagesQuery;
import dz.zst.domain.messages.MessageQueries.MessagePage;
import dz.zst.domain.messages.MessageQueries.UnreadMessages;
import dz.zst.domain.messages.MessageView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.query.shared.Reads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's conversations and their messages (API.md §13); only the two participants see one. */
@RestController
@RequestMapping("/api/v1/conversations")
@Tag(name = "Messages")
public class ConversationQueryController {

    private final Reads reads;

    public ConversationQueryController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping
    @Operation(summary = "The caller's conversations, most recently active first",
            description = "Each with its subject, both participants' public views, its last message and the caller's "
                    + "unread_count.")
    public PagedResult<ConversationView> list(@AuthenticationPrincipal Actor viewer,
                                              @RequestParam(name = "page", defaultValue = "1") int page,
                                              @RequestParam(name = "limit", defaultValue = "20") int limit,
                                              @Parameter(description = "true: only those with unread messages")
                                              @RequestParam(name = "unread_only", defaultValue = "false")
                                              boolean unreadOnly) {
        return reads.ask(new ListConversationsQuery(viewer, unreadOnly, PageRequest.of(page, limit)),
                ConversationPage.class).page();
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many messages of others the caller has not read, all conversations: {count}")
    public UnreadMessages unreadCount(@AuthenticationPrincipal Actor viewer) {
        return reads.ask(new CountUnreadMessagesQuery(viewer), UnreadMessages.class);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's conversations (anyone else's is 404)")
    public ConversationView one(@AuthenticationPrincipal Actor viewer, @PathVariable("id") String id) {
        return reads.ask(new FindConversationQuery(ConversationId.of(id), viewer), ConversationView.class);
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "A conversation's messages, newest first",
            description = "before=<message id> pages to older messages from that one on, unmoved by messages that "
                    + "arrive meanwhile. read_at: when the other participant read the message.")
    public PagedResult<MessageView> messages(@AuthenticationPrincipal Actor viewer, @PathVariable("id") String id,
                                             @Parameter(description = "a message id: only messages older than it")
                                             @RequestParam(name = "before", required = false) String before,
                                             @RequestParam(name = "page", defaultValue = "1") int page,
                                             @RequestParam(name = "limit", defaultValue = "50") int limit) {
        MessageId cursor = before == null || before.isEmpty() ? null
                : new MessageId(Ids.parseArgument(before, "before"));
        return reads.ask(new ListMessagesQuery(ConversationId.of(id), viewer, cursor, PageRequest.of(page, limit)),
                MessagePage.class).page();
    }
}
