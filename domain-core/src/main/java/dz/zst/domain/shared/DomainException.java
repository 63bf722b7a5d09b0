package dz.zst.domain.shared;

/** A business rule refused the request; the API maps each subtype to one HTTP status. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
