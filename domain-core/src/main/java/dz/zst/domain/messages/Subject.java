package dz.zst.domain.messages;

import java.util.Objects;
import java.util.UUID;

/** The product, order or offer a conversation is about. */
public record Subject(SubjectType type, UUID id) {
    public Subject {
        Objects.requireNonNull(type, "subject type");
        Objects.requireNonNull(id, "subject id");
    }
}
