package dz.zst.domain.shared;

/**
 * Metadata keys every command carries and every event inherits from the command that caused it
 * (ARCHITECTURE.md principle 4); the order history shows auditors the actor of each event from them.
 */
public final class AuditMetadata {
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String REQUEST_ID = "requestId";

    private AuditMetadata() {
    }
}
