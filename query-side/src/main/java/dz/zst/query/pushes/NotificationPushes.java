package dz.zst.query.pushes;

import dz.zst.domain.notifications.NotificationsCreated;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.Rooms;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code notification:new {notification}} to {@code user:{id}} (API.md §11), on every node through
 * the broadcaster, for each notification the notifications group really created. Unlike the other
 * pushes this is no processing group of its own: only the projection's insert knows which
 * notifications an event created (a redelivered event creates none, a replay is not news), and it
 * tells them once its batch has committed. They are sent from one thread of their own, in order, so
 * a new offer's 10,000 pushes never hold the projection up; a backlog beyond the queue is dropped
 * and logged, like any push that cannot be made (the notifications stay readable).
 */
@Component
public class NotificationPushes implements NotificationsCreated, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotificationPushes.class);
    private static final int BACKLOG = 100_000;

    private final RealtimeBroadcaster broadcaster;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(BACKLOG), runnable -> {
                Thread thread = new Thread(runnable, "notification-pushes");
                thread.setDaemon(true);
                return thread;
            }, (runnable, executor) -> log.warn("notification:new dropped: {} pushes already queued", BACKLOG));

    public NotificationPushes(RealtimeBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    @Override
    public void created(List<Created> notifications) {
        for (Created created : notifications) {
            sender.execute(() -> broadcaster.emit(List.of(Rooms.user(created.recipient())), "notification:new",
                    Map.of("notification", created.notification())));
        }
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
