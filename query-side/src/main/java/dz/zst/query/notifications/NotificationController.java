package dz.zst.query.notifications;

import dz.zst.domain.notifications.NotificationQueries.CountUnreadNotificationsQuery;
import dz.zst.domain.notifications.NotificationQueries.ListNotificationsQuery;
import dz.zst.domain.notifications.NotificationQueries.NotificationPage;
import dz.zst.domain.notifications.NotificationQueries.UnreadCount;
import dz.zst.domain.notifications.NotificationView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.query.shared.Reads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's notifications (API.md §10): reads through the query bus, and the two read marks,
 * which are the user's own state written beside the read model ({@link NotificationReads} says why
 * they are no command). Signed-in users only; nobody reaches another user's notification.
 */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications")
public class NotificationController {

    private final Reads reads;
    private final NotificationReads marks;

    public NotificationController(Reads reads, NotificationReads marks) {
        this.reads = reads;
        this.marks = marks;
    }

    @GetMapping
    @Operation(summary = "The caller's notifications, newest first",
            description = "Each with type, French title and message, data (ids of the order, offer or response "
                    + "to open), read and read_at.")
    public PagedResult<NotificationView> list(@AuthenticationPrincipal Actor user,
                                              @RequestParam(name = "page", defaultValue = "1") int page,
                                              @RequestParam(name = "limit", defaultValue = "20") int limit,
                                              @Parameter(description = "true: only those not read yet")
                                              @RequestParam(name = "unread_only", defaultValue = "false")
                                              boolean unreadOnly) {
        return reads.ask(new ListNotificationsQuery(user, unreadOnly, PageRequest.of(page, limit)),
                NotificationPage.class).page();
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many of the caller's notifications are not read yet: {count}")
    public UnreadCount unreadCount(@AuthenticationPrincipal Actor user) {
        return reads.ask(new CountUnreadNotificationsQuery(user), UnreadCount.class);
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Marks one of the caller's notifications read and answers it",
            description = "Reading it again keeps its first read_at. Another user's notification is 404.")
    public NotificationView read(@AuthenticationPrincipal Actor user, @PathVariable("id") String id) {
        return marks.read(user, Ids.parseArgument(id, "id"));
    }

    @PostMapping("/read-all")
    @Operation(summary = "Marks every notification of the caller read: {message, count} (how many were unread)")
    public Map<String, Object> readAll(@AuthenticationPrincipal Actor user) {
        Map<String, Object> body = new LinkedHashMap<>();
        int count = marks.readAll(user);
        body.put("message", "All notifications marked as read");
        body.put("count", count);
        return body;
    }
}
