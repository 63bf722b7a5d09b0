package dz.zst.domain.shared;

/** Answered with HTTP 409. */
public class ConflictException extends DomainException {
    public ConflictException(String message) {
        super(message);
    }
}
