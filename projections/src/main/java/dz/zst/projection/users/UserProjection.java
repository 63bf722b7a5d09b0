package dz.zst.projection.users;

import static dz.zst.projection.shared.EventColumns.position;
import static dz.zst.projection.shared.EventColumns.utc;

import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.users.UserEvents.UserDeactivatedEvent;
import dz.zst.domain.users.UserEvents.UserIdentityUpdatedEvent;
import dz.zst.domain.users.UserEvents.UserProfileUpdatedEvent;
import dz.zst.domain.users.UserEvents.UserPushTokenRevokedEvent;
import dz.zst.domain.users.UserEvents.UserRegisteredEvent;
import dz.zst.domain.users.UserEvents.UserRoleChangedEvent;
import dz.zst.projection.shared.ReadModelGenerations;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The users table: one row per user, for GET /auth/me, the authentication filter and the public
 * seller view the catalog joins. Replay-safe: every write is guarded by the event's global position,
 * so a redelivered or older event changes nothing, and times come from the events themselves.
 */
@Component
@ProcessingGroup("users")
public class UserProjection {

    private final JdbcClient jdbc;
    private final ReadModelGenerations generations;

    public UserProjection(JdbcClient jdbc, ReadModelGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE users").update();
        generations.bump(ReadModel.USERS);
    }

    @EventHandler
    void on(UserRegisteredEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        jdbc.sql("""
                INSERT INTO users (id, clerk_id, email, full_name, avatar_url, phone, role, seller_category,
                                   is_verified, is_active, created_at, updated_at, version, position)
                VALUES (:id, :clerkId, :email, :fullName, :avatarUrl, :phone, :role, :category,
                        FALSE, TRUE, :at, :at, :version, :position)
                ON CONFLICT (id) DO UPDATE SET
                    clerk_id = EXCLUDED.clerk_id, email = EXCLUDED.email, full_name = EXCLUDED.full_name,
                    avatar_url = EXCLUDED.avatar_url, phone = EXCLUDED.phone, role = EXCLUDED.role,
                    seller_category = EXCLUDED.seller_category, created_at = EXCLUDED.created_at,
                    updated_at = EXCLUDED.updated_at, version = EXCLUDED.version, position = EXCLUDED.position
                WHERE users.position < EXCLUDED.position
                """)
                .param("id", event.userId().value())
                .param("clerkId", event.clerkId())
                .param("email", event.email())
                .param("fullName", event.fullName())
                .param("avatarUrl", event.avatarUrl())
                .param("phone", event.phone())
                .param("role", wire(event.role()))
                .param("category", wire(event.sellerCategory()))
                .param("at", utc(at))
                .param("version", version)
                .param("position", position(token))
                .update();
        generations.bumpRowAfterCommit(ReadModel.USERS, event.userId().value());
    }

    @EventHandler
    void on(UserIdentityUpdatedEvent event, @Timestamp Instant at, @SequenceNumber long version,
            TrackingToken token) {
        update(event.userId().value(), "email = :email, full_name = :fullName, avatar_url = :avatarUrl, phone = :phone",
                at, version, token)
                .param("email", event.email())
                .param("fullName", event.fullName())
                .param("avatarUrl", event.avatarUrl())
                .param("phone", event.phone())
                .update();
    }

    @EventHandler
    void on(UserRoleChangedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        update(event.userId().value(), "role = :role, seller_category = :category", at, version, token)
                .param("role", wire(event.role()))
                .param("category", wire(event.sellerCategory()))
                .update();
    }

    @EventHandler
    void on(UserProfileUpdatedEvent event, @Timestamp Instant at, @SequenceNumber long version,
            TrackingToken token) {
        update(event.userId().value(), """
                full_name = :fullName, phone = :phone, wilaya = :wilaya, bio = :bio, avatar_url = :avatarUrl,
                push_token = :pushToken""", at, version, token)
                .param("fullName", event.fullName())
                .param("phone", event.phone())
                .param("wilaya", event.wilaya())
                .param("bio", event.bio())
                .param("avatarUrl", event.avatarUrl())
                .param("pushToken", event.pushToken())
                .update();
    }

    @EventHandler
    void on(UserPushTokenRevokedEvent event, @Timestamp Instant at, @SequenceNumber long version,
            TrackingToken token) {
        update(event.userId().value(), "push_token = NULL", at, version, token).update();
    }

    @EventHandler
    void on(UserDeactivatedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        update(event.userId().value(), "is_active = FALSE", at, version, token).update();
    }

    /** Applies {@code assignments} to the user's row unless the row already folded this event. */
    private JdbcClient.StatementSpec update(UUID id, String assignments, Instant at, long version,
                                            TrackingToken token) {
        generations.bumpRowAfterCommit(ReadModel.USERS, id);
        return jdbc.sql("UPDATE users SET " + assignments
                        + ", updated_at = :at, version = :version, position = :position"
                        + " WHERE id = :id AND position < :position")
                .param("id", id)
                .param("at", utc(at))
                .param("version", version)
                .param("position", position(token));
    }



    private static String wire(Role role) {
        return role == null ? null : role.wire();
    }

    private static String wire(SellerCategory category) {
        return category == null ? null : category.wire();
    }
}
