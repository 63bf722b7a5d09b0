package dz.zst.domain.shared;

/** Answered with HTTP 400. */
public class BusinessRuleViolationException extends DomainException {
    public BusinessRuleViolationException(String message) {
        super(message);
    }
}
