package dz.zst.domain.freelance;

import dz.zst.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

public record PortfolioItemId(UUID value) {
    public PortfolioItemId {
        Objects.requireNonNull(value, "portfolio item id");
    }

    public static PortfolioItemId of(String value) {
        return new PortfolioItemId(Ids.parse(value, "portfolio item id"));
    }

    public static PortfolioItemId random() {
        return new PortfolioItemId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
