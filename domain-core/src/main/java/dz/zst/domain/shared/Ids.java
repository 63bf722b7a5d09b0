package dz.zst.domain.shared;

import java.util.UUID;

/** Parsing of ids that arrive as text from the outside world. */
public final class Ids {
    private Ids() {
    }

    /** @throws NotFoundException for anything that is not a UUID: such an id can name nothing. */
    public static UUID parse(String value, String what) {
        try {
            UUID uuid = UUID.fromString(value);
            if (!uuid.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException();
            }
            return uuid;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException(what + " not found");
        }
    }
}
