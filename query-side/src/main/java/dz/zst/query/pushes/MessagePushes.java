package dz.zst.query.pushes;

import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.MessageEvents.ConversationOpenedEvent;
import dz.zst.domain.messages.MessageEvents.ConversationReadEvent;
import dz.zst.domain.messages.MessageEvents.MessagePostedEvent;
import dz.zst.domain.messages.MessageQueries.FindMessageQuery;
import dz.zst.domain.messages.MessageId;
import dz.zst.domain.messages.MessageView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import dz.zst.query.messages.ConversationQueryHandler;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.Rooms;
import dz.zst.query.shared.ReadYourWrites;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Message pushes (API.md §13): {@code message:new {conversationId, message}} to both participants'
 * {@code user:{id}} rooms, and {@code conversation:read {conversationId, userId, read_at}} to the
 * other participant. A conversation's events are handled in their stream's order (one segment per
 * aggregate), so every socket gets a conversation's messages in the order the event store holds them.
 * The message pushed is the read model's, read once the messages group has folded the event: what
 * a GET of the conversation answers right after.
 */
@Component
@ProcessingGroup(LivePushes.MESSAGE_PUSHES)
@DisallowReplay
public class MessagePushes {


    private final RealtimeBroadcaster broadcaster;
    private final ConversationQueryHandler conversations;
    private final ReadYourWrites readModels;

    public MessagePushes(RealtimeBroadcaster broadcaster, ConversationQueryHandler conversations,
                         ReadYourWrites readModels) {
        this.broadcaster = broadcaster;
        this.conversations = conversations;
        this.readModels = readModels;
    }

    @EventHandler
    void on(ConversationOpenedEvent event, TrackingToken token) throws InterruptedException {
        messageNew(event.conversationId(), event.messageId(), event.openedBy(), event.recipientId(), token);
    }

    @EventHandler
    void on(MessagePostedEvent event, TrackingToken token) throws InterruptedException {
        messageNew(event.conversationId(), event.messageId(), event.senderId(), event.recipientId(), token);
    }

    private void messageNew(ConversationId conversationId, MessageId messageId, UserId sender, UserId recipient,
                            TrackingToken token) throws InterruptedException {
        if (!readModels.foldedForPush(ReadModel.CONVERSATIONS, conversationId, token)) {
            return;
        }
        MessageView message = conversations.message(new FindMessageQuery(messageId,
                new Actor(sender, Role.CUSTOMER, null)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", conversationId.toString());
        payload.put("message", message);
        broadcaster.emit(List.of(Rooms.user(sender), Rooms.user(recipient)), "message:new", payload);
    }

    @EventHandler
    void on(ConversationReadEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", event.conversationId().toString());
        payload.put("userId", event.readerId().toString());
        payload.put("read_at", event.readAt());
        broadcaster.emit(List.of(Rooms.user(event.otherId())), "conversation:read", payload);
    }
}
