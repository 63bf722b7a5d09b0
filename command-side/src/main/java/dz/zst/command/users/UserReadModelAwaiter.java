package dz.zst.command.users;

import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserQueries.FindUserQuery;
import dz.zst.domain.users.UserView;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for users until the platform's shared mechanism replaces it: after a command,
 * wait until the users read model has applied the user's latest event (its aggregate sequence
 * number, from the event store) before answering. Polls with a short backoff up to the configured
 * timeout; on timeout the freshest view is returned and the lag logged.
 */
@Component
public class UserReadModelAwaiter {

    private static final Logger log = LoggerFactory.getLogger(UserReadModelAwaiter.class);
    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 100;

    private final EventStore eventStore;
    private final QueryGateway queryGateway;
    private final Duration timeout;

    public UserReadModelAwaiter(EventStore eventStore, QueryGateway queryGateway,
                                @Value("${zst.read-your-writes-timeout:10s}") Duration timeout) {
        this.eventStore = eventStore;
        this.queryGateway = queryGateway;
        this.timeout = timeout;
    }

    /** The user as the read model shows it once it reflects every event stored so far, if the user exists. */
    public Optional<UserView> awaitCurrent(UserId userId) {
        Optional<Long> lastSequence = eventStore.lastSequenceNumberFor(userId.toString());
        if (lastSequence.isEmpty()) {
            return find(userId);
        }
        long target = lastSequence.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            Optional<UserView> view = find(userId);
            if (view.isPresent() && view.get().version() >= target) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                log.warn("users read model still behind event {} of user {} after {}", target, userId, timeout);
                return view;
            }
            sleep(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    private Optional<UserView> find(UserId userId) {
        try {
            return queryGateway.query(new FindUserQuery(userId), ResponseTypes.optionalInstanceOf(UserView.class))
                    .join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the users read model", e);
        }
    }
}
