package dz.zst.query.pushes;

import dz.zst.domain.messages.Attachment;
import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.MessageEvents.ConversationOpenedEvent;
import dz.zst.domain.messages.MessageEvents.ConversationReadEvent;
import dz.zst.domain.messages.MessageEvents.MessagePostedEvent;
import dz.zst.domain.messages.MessageId;
import dz.zst.domain.messages.MessageView;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.UserId;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.Rooms;
import dz.zst.query.shared.ReadYourWrites;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Message pushes (API.md §13): {@code message:new {conversationId, message}} to both participants'
 * {@code user:{id}} rooms, and {@code conversation:read {conversationId, userId, read_at}} to the
 * other participant. A conversation's events are handled in their stream's order (one segment per
 * aggregate), so every socket gets a conversation's messages in the order the event store holds them.
 * A message is pushed once the conversations read model shows it, so a GET right after the push
 * finds it, and as that GET shows it: the event's fields, with the timestamp the event store keeps
 * (the row's {@code created_at}) and no {@code read_at} (a later read is its own push,
 * {@code conversation:read}). Built from the event rather than read back: one statement less per message.
 */
@Component
@ProcessingGroup(LivePushes.MESSAGE_PUSHES)
@DisallowReplay
public class MessagePushes {


    private final RealtimeBroadcaster broadcaster;
    private final ReadYourWrites readModels;

    public MessagePushes(RealtimeBroadcaster broadcaster, ReadYourWrites readModels) {
        this.broadcaster = broadcaster;
        this.readModels = readModels;
    }

    @EventHandler
    void on(ConversationOpenedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        messageNew(event.conversationId(), event.messageId(), event.openedBy(), event.recipientId(), event.content(),
                event.attachments(), at, token);
    }

    @EventHandler
    void on(MessagePostedEvent event, @Timestamp Instant at, TrackingToken token) throws InterruptedException {
        messageNew(event.conversationId(), event.messageId(), event.senderId(), event.recipientId(), event.content(),
                event.attachments(), at, token);
    }

    private void messageNew(ConversationId conversationId, MessageId messageId, UserId sender, UserId recipient,
                            String content, List<Attachment> attachments, Instant at, TrackingToken token)
            throws InterruptedException {
        if (!readModels.foldedForPush(ReadModel.CONVERSATIONS, conversationId, token)) {
            return;
        }
        MessageView message = new MessageView(messageId.value(), conversationId.value(), sender.value(), content,
                attachments == null ? List.of() : attachments, at, null);
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
