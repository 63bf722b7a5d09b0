package dz.zst.domain.messages;

import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A conversation's id, derived from its subject and its two participants in either order: two
 * users opening a conversation about the same subject, even at the same instant on two nodes,
 * name the same stream, and the event store's unique (aggregate, sequence) key lets one of them
 * open it; the other's command is retried and posts into it.
 */
public record ConversationId(UUID value) {
    public ConversationId {
        Objects.requireNonNull(value, "conversation id");
    }

    public static ConversationId of(String value) {
        return new ConversationId(Ids.parse(value, "Conversation"));
    }

    public static ConversationId between(Subject subject, UserId one, UserId other) {
        String low = one.value().compareTo(other.value()) <= 0 ? one.toString() : other.toString();
        String high = one.value().compareTo(other.value()) <= 0 ? other.toString() : one.toString();
        return new ConversationId(UUID.nameUUIDFromBytes(("conversation/" + subject.type().wire() + "/" + subject.id()
                + "/" + low + "/" + high).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
