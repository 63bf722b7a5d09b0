package dz.zst.domain.notifications;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;

/** Queries of a user's own notifications (API.md §10): nobody reads anyone else's. */
public final class NotificationQueries {
    private NotificationQueries() {
    }

    /** The caller's notifications, newest first; only those not read yet when {@code unreadOnly}. */
    public record ListNotificationsQuery(Actor user, boolean unreadOnly, PageRequest page) {
    }

    /** A generic page needs a concrete type to travel through the query bus. */
    public record NotificationPage(PagedResult<NotificationView> page) {
    }

    public record CountUnreadNotificationsQuery(Actor user) {
    }

    public record UnreadCount(long count) {
    }
}
