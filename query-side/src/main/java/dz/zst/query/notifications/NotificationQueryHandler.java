package dz.zst.query.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.domain.notifications.NotificationQueries.CountUnreadNotificationsQuery;
import dz.zst.domain.notifications.NotificationQueries.ListNotificationsQuery;
import dz.zst.domain.notifications.NotificationQueries.NotificationPage;
import dz.zst.domain.notifications.NotificationQueries.UnreadCount;
import dz.zst.domain.notifications.NotificationView;
import dz.zst.domain.shared.PagedResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A user's own notifications (API.md §10), each with its read state from notification_reads. Every
 * statement is bounded by the caller's id: another user's notification is simply not found. Not
 * cached: a user's list changes with every fact that concerns it and every notification it reads.
 */
@Component
public class NotificationQueryHandler {

    static final String COLUMNS = """
            n.id, n.type, n.title, n.message, n.data::text AS data, r.read_at, n.created_at
            FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> DATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    public NotificationQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public NotificationPage list(ListNotificationsQuery query) {
        String where = "n.user_id = :me" + (query.unreadOnly() ? " AND r.notification_id IS NULL" : "");
        UUID me = query.user().userId().value();
        long total = jdbc.sql("SELECT count(*) FROM notifications n LEFT JOIN notification_reads r "
                        + "ON r.notification_id = n.id WHERE " + where)
                .param("me", me)
                .query(Long.class)
                .single();
        List<NotificationView> data = jdbc.sql("SELECT " + COLUMNS + " WHERE " + where
                        + " ORDER BY n.created_at DESC, n.position DESC, n.id LIMIT :limit OFFSET :offset")
                .param("me", me)
                .param("limit", query.page().limit())
                .param("offset", query.page().offset())
                .query((rs, row) -> view(rs))
                .list();
        return new NotificationPage(PagedResult.of(data, query.page(), total));
    }

    @QueryHandler
    public UnreadCount unread(CountUnreadNotificationsQuery query) {
        return new UnreadCount(jdbc.sql("""
                        SELECT count(*) FROM notifications n
                        WHERE n.user_id = :me
                          AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id)
                        """)
                .param("me", query.user().userId().value())
                .query(Long.class)
                .single());
    }

    /** The user's notification {@code id}, none when it is not the user's (or does not exist). */
    Optional<NotificationView> find(UUID me, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE n.id = :id AND n.user_id = :me")
                .param("id", id)
                .param("me", me)
                .query((rs, row) -> view(rs))
                .optional();
    }

    static NotificationView view(ResultSet rs) throws SQLException {
        Instant readAt = instant(rs, "read_at");
        return new NotificationView(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("title"),
                rs.getString("message"), data(rs.getString("data")), readAt != null, readAt,
                instant(rs, "created_at"));
    }

    private static Map<String, Object> data(String json) {
        try {
            return JSON.readValue(json, DATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable notification data", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
