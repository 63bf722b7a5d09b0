package dz.zst.domain.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** @param readAt when the other participant read it, else null */
public record MessageView(UUID id, UUID conversationId, UUID senderId, String content, List<Attachment> attachments,
                          Instant createdAt, Instant readAt) {
}
