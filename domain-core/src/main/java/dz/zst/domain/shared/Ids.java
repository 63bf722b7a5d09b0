package dz.zst.domain.shared;

import java.util.UUID;

/** Parsing of ids that arrive as text from the outside world. */
public final class Ids {
    private Ids() {
    }

    /** The canonical text form of a UUID, for request-body validation ({@code @Pattern}). */
    public static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** @throws NotFoundException for anything that is not a UUID: such an id can name nothing. */
    public static UUID parse(String value, String what) {
        UUID uuid = canonical(value);
        if (uuid == null) {
            throw new NotFoundException(what + " not found");
        }
        return uuid;
    }

    /**
     * For ids given as filters or arguments rather than in a path: anything that is not a UUID is a
     * bad request.
     *
     * @throws IllegalArgumentException "{@code name} must be a UUID"
     */
    public static UUID parseArgument(String value, String name) {
        UUID uuid = canonical(value);
        if (uuid == null) {
            throw new IllegalArgumentException(name + " must be a UUID");
        }
        return uuid;
    }

    /** The UUID written in canonical form (any case), else null. */
    private static UUID canonical(String value) {
        if (value == null) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(value);
            return uuid.toString().equalsIgnoreCase(value) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
