package dz.zst.domain.freelance;

import dz.zst.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

public record FreelanceOrderId(UUID value) {
    public FreelanceOrderId {
        Objects.requireNonNull(value, "freelance order id");
    }

    public static FreelanceOrderId of(String value) {
        return new FreelanceOrderId(Ids.parse(value, "freelance order id"));
    }

    public static FreelanceOrderId random() {
        return new FreelanceOrderId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
