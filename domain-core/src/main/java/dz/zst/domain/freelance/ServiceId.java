package dz.zst.domain.freelance;

import dz.zst.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

public record ServiceId(UUID value) {
    public ServiceId {
        Objects.requireNonNull(value, "service id");
    }

    public static ServiceId of(String value) {
        return new ServiceId(Ids.parse(value, "service id"));
    }

    public static ServiceId random() {
        return new ServiceId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
