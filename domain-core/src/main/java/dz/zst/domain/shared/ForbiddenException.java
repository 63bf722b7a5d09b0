package dz.zst.domain.shared;

/** Answered with HTTP 403. */
public class ForbiddenException extends DomainException {
    public ForbiddenException(String message) {
        super(message);
    }
}
