package dz.zst.domain.freelance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a freelance service is (API.md §10). */
public enum ServiceCategory {
    DESIGN, DEVELOPMENT, MARKETING, WRITING, VIDEO, PHOTOGRAPHY, TRANSLATION, CONSULTING, OTHER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ServiceCategory fromWire(String value) {
        for (ServiceCategory category : values()) {
            if (category.wire().equals(value)) {
                return category;
            }
        }
        throw new IllegalArgumentException("category must be one of "
                + Arrays.stream(values()).map(ServiceCategory::wire).collect(Collectors.joining(", ")));
    }
}
