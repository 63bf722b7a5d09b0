package dz.zst.domain.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Category {
    PERFUME, MAKEUP, SKINCARE, HAIRCARE, FASHION, ACCESSORIES, ELECTRONICS, FOOD, HOME, BEAUTY, HEALTH, SPORTS,
    TOYS, BOOKS, AUTOMOTIVE, GARDEN, PETS, BABY, OFFICE, OTHER;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static Category fromWire(String value) {
        for (Category category : values()) {
            if (category.wire().equals(value)) {
                return category;
            }
        }
        throw new IllegalArgumentException("category must be one of " + String.join(", ",
                java.util.Arrays.stream(values()).map(Category::wire).toList()));
    }
}
