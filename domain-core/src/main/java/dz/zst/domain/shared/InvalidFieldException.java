package dz.zst.domain.shared;

/**
 * Bad input that one request field is to blame for: answered with 400 and the field named in the
 * error's {@code errors} list, as validation failures of the request body are.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
