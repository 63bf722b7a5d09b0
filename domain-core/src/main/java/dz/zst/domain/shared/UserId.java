package dz.zst.domain.shared;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identity of a platform user (not the Clerk id, which is an external reference). */
public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    public static UserId of(String value) {
        return new UserId(Ids.parse(value, "user id"));
    }

    /**
     * The same external subject always maps to the same user id, so two nodes seeing a new Clerk
     * user at the same moment race on one aggregate instead of creating two users.
     */
    public static UserId forExternalSubject(String subject) {
        return new UserId(UUID.nameUUIDFromBytes(("clerk:" + subject).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
