package dz.zst.domain.shared;

import java.util.Objects;
import java.util.UUID;

public record ProductId(UUID value) {
    public ProductId {
        Objects.requireNonNull(value, "product id");
    }

    public static ProductId of(String value) {
        return new ProductId(Ids.parse(value, "product id"));
    }

    public static ProductId random() {
        return new ProductId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
