package dz.zst.domain.b2b;

import dz.zst.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

public record B2BOfferId(UUID value) {
    public B2BOfferId {
        Objects.requireNonNull(value, "offer id");
    }

    public static B2BOfferId of(String value) {
        return new B2BOfferId(Ids.parse(value, "offer id"));
    }

    public static B2BOfferId random() {
        return new B2BOfferId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
