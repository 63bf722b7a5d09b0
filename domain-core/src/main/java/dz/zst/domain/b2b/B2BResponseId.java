package dz.zst.domain.b2b;

import dz.zst.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** A bid or a negotiation on an offer; owned by the offer, whose stream records it. */
public record B2BResponseId(UUID value) {
    public B2BResponseId {
        Objects.requireNonNull(value, "response id");
    }

    public static B2BResponseId of(String value) {
        return new B2BResponseId(Ids.parse(value, "response id"));
    }

    public static B2BResponseId random() {
        return new B2BResponseId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
