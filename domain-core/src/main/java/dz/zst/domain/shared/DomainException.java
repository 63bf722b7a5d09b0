package dz.zst.domain.shared;

/** A business rule refused the request; the API maps each subtype to one HTTP status. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message, null, false, false);
    }

    /**
     * Finds the business failure (or bad input) inside the wrappers that futures and message buses
     * put around it, so it reaches the API as it was thrown.
     */
    public static RuntimeException unwrap(Throwable thrown) {
        Throwable current = thrown;
        while (current != null) {
            if (current instanceof DomainException || current instanceof IllegalArgumentException) {
                return (RuntimeException) current;
            }
            current = current.getCause();
        }
        return thrown instanceof RuntimeException runtime ? runtime : new IllegalStateException(thrown);
    }
}
