package dz.zst.domain.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A notification as the app shows it (API.md §10); field names go out in snake_case, {@code data}'s
 * keys as given (the ids the app needs to open the right screen: {@code order_id}, {@code offer_id},
 * {@code response_id}).
 *
 * @param id the same for one fact and one recipient forever (derived from the event and the
 *           recipient), so a replay rebuilds it under the same id and a mobile push can be sent
 *           once per id
 */
public record NotificationView(UUID id, String type, String title, String message, Map<String, Object> data,
                               boolean read, Instant readAt, Instant createdAt) {
}
