package dz.zst.domain.messages;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a conversation is about (API.md §13). A new kind is a value here and its visibility and
 * party check in the command side's ConversationSubjects, whose switch over this enum the compiler
 * keeps exhaustive.
 */
public enum SubjectType {
    PRODUCT, ORDER, B2B_OFFER, FREELANCE_SERVICE, FREELANCE_ORDER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubjectType fromWire(String value) {
        for (SubjectType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("subject.type must be one of "
                + Arrays.stream(values()).map(SubjectType::wire).collect(Collectors.joining(", ")));
    }
}
