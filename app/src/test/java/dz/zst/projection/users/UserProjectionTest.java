package dz.zst.projection.users;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserEvents.UserRegisteredEvent;
import dz.zst.domain.users.UserEvents.UserRoleChangedEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The users projection against the real database: redelivered and older events change nothing, and
 * times are the events' own. (Reset is not exercised here: it would empty the table the other API
 * tests of this shared platform rely on.)
 */
class UserProjectionTest extends ApiTestBase {

    private static final Instant REGISTERED_AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant CHANGED_AT = Instant.parse("2025-03-02T10:00:00Z");

    @Autowired
    private UserProjection projection;
    @Autowired
    private JdbcClient jdbc;

    private Map<String, Object> row(UserId id) {
        return jdbc.sql("SELECT role, seller_category, created_at, updated_at, version, position FROM users WHERE id = ?")
                .param(id.value()).query().singleRow();
    }

    private static GlobalSequenceTrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    @Test
    void appliesEachEventOnceAndIgnoresOlderOnes() {
        String subject = "user_projection_" + UUID.randomUUID();
        UserId id = UserId.forExternalSubject(subject);
        long base = 1_000_000_000L;
        UserRegisteredEvent registered = new UserRegisteredEvent(id, subject, "p@zst.test", "P", null, null,
                Role.CUSTOMER, null);
        projection.on(registered, REGISTERED_AT, 0, at(base));
        projection.on(new UserRoleChangedEvent(id, Role.SELLER, SellerCategory.FOURNISSEUR), CHANGED_AT, 1,
                at(base + 5));

        projection.on(registered, REGISTERED_AT, 0, at(base));
        projection.on(new UserRoleChangedEvent(id, Role.FREELANCER, null), CHANGED_AT, 1, at(base + 3));

        Map<String, Object> row = row(id);
        assertThat(row.get("role")).isEqualTo("seller");
        assertThat(row.get("seller_category")).isEqualTo("fournisseur");
        assertThat(row.get("version")).isEqualTo(1L);
        assertThat(row.get("position")).isEqualTo(base + 5);
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(REGISTERED_AT);
        assertThat(((Timestamp) row.get("updated_at")).toInstant()).isEqualTo(CHANGED_AT);
    }
}
