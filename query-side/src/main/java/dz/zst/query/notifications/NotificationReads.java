package dz.zst.query.notifications;

import dz.zst.domain.notifications.NotificationView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.NotFoundException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marking notifications read: a direct write of notification_reads, not a command and an event.
 * Read state is the user's own view of its inbox, like a scroll position: no rule decides it, no
 * other party, read model or auditor depends on it, and it changes no aggregate. As a command it
 * would need an aggregate per inbox whose command handler checks that the notification is the
 * caller's, which only the notifications read model knows (the command side reads no read model).
 * So it is kept beside the read model, in a table the replay never truncates (the rebuilt
 * notifications come back under the same ids, still read), and a read answers it at once since
 * it is the same database (read-your-writes without a wait).
 */
@Component
public class NotificationReads {

    private final JdbcClient jdbc;
    private final NotificationQueryHandler notifications;
    private final Clock clock;

    public NotificationReads(JdbcClient jdbc, NotificationQueryHandler notifications, Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** The user's notification, read (since its first reading); 404 when it is not the user's. */
    @Transactional
    public NotificationView read(Actor user, UUID id) {
        jdbc.sql("""
                        INSERT INTO notification_reads (notification_id, user_id, read_at)
                        SELECT n.id, n.user_id, :at FROM notifications n WHERE n.id = :id AND n.user_id = :me
                        ON CONFLICT (notification_id) DO NOTHING
                        """)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", id)
                .param("me", user.userId().value())
                .update();
        return notifications.find(user.userId().value(), id)
                .orElseThrow(() -> new NotFoundException("Notification " + id + " not found"));
    }

    /** Every notification of the user read now; answers how many were unread. */
    public int readAll(Actor user) {
        return jdbc.sql("""
                        INSERT INTO notification_reads (notification_id, user_id, read_at)
                        SELECT n.id, n.user_id, :at FROM notifications n
                        WHERE n.user_id = :me
                          AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id)
                        ON CONFLICT (notification_id) DO NOTHING
                        """)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("me", user.userId().value())
                .update();
    }
}
