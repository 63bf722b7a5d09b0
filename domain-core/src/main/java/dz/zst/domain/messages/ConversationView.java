package dz.zst.domain.messages;

import dz.zst.domain.shared.PublicSellerView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation as one of its participants sees it (API.md §13); unread_count is the viewer's. */
public record ConversationView(UUID id, SubjectView subject, List<PublicSellerView> participants,
                               LastMessage lastMessage, long unreadCount, Instant createdAt, Instant updatedAt) {

    public record SubjectView(SubjectType type, UUID id, String title) {
    }

    public record LastMessage(UUID id, UUID senderId, String content, Instant createdAt) {
    }
}
