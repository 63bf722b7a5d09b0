package dz.zst.domain.notifications;

import dz.zst.domain.shared.UserId;
import java.util.List;

/**
 * Told, on the node whose notifications group committed them, the notifications a batch really
 * created: not those a redelivered event found already there, and none while the group replays
 * (rebuilt rows are not news). What pushes them live (API.md §11 {@code notification:new}) listens.
 */
@FunctionalInterface
public interface NotificationsCreated {

    record Created(UserId recipient, NotificationView notification) {
    }

    /** Called after the batch's transaction committed; must not block the processor. */
    void created(List<Created> notifications);
}
