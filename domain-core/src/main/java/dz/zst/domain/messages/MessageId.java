package dz.zst.domain.messages;

import dz.zst.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

public record MessageId(UUID value) {
    public MessageId {
        Objects.requireNonNull(value, "message id");
    }

    public static MessageId of(String value) {
        return new MessageId(Ids.parse(value, "Message"));
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
