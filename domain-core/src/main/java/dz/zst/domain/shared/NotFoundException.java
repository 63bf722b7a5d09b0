package dz.zst.domain.shared;

/** Answered with HTTP 404. */
public class NotFoundException extends DomainException {
    public NotFoundException(String message) {
        super(message);
    }
}
