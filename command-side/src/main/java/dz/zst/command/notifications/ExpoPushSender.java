package dz.zst.command.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.command.notifications.ExpoClient.Message;
import dz.zst.command.notifications.ExpoClient.Receipt;
import dz.zst.command.notifications.ExpoClient.Refused;
import dz.zst.command.notifications.ExpoClient.RetryLater;
import dz.zst.command.notifications.ExpoClient.Ticket;
import dz.zst.command.notifications.ExpoClient.Unknown;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserCommands.RevokePushTokenCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Empties the outbox of mobile pushes (table notification_pushes, written by the notifications
 * projection) into Expo's push service, and checks their receipts later. Runs on every node, on a
 * thread of its own: no command ever waits for it, so an Expo outage slows or fails none.
 *
 * <p>At most once, across nodes and restarts: due rows are claimed with one statement (SELECT … FOR
 * UPDATE SKIP LOCKED, at most 100) that marks them {@code sending} and commits before the HTTP call.
 * Another node skips them; a node that dies during the call leaves them {@code sending} for good, so
 * those pushes are lost rather than ever sent twice. Only an answer that says Expo took nothing (no
 * connection, 429, 5xx) puts rows back to {@code pending}, after an exponential backoff (capped);
 * a ticket's {@code MessageRateExceeded} retries that row alone. A 4xx (400: malformed) fails the
 * batch, and a call whose outcome is unknown (a timeout once connected) fails it too.
 * {@code DeviceNotRegistered}, in a ticket or a receipt, revokes the user's token through the User
 * aggregate (audited as UserPushTokenRevokedEvent), unless the user has registered another since.
 *
 * <p>Each node keeps under Expo's 600 notifications a second per project on its own (two nodes may
 * reach twice that; Expo's 429 then backs them off). Pushes whose notification is a day old are
 * given up.
 */
@Component
public class ExpoPushSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExpoPushSender.class);
    private static final int PER_SECOND = 600;
    /** Batches sent per poll at most, so the receipts get their turn during a long backlog. */
    private static final int BATCHES_PER_POLL = 60;

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final ObjectMapper json;
    private final ExpoClient expo;
    private final Duration pollInterval;
    private final Duration receiptDelay;
    private final Duration retryBackoff;
    private final Duration maxBackoff;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "expo-pushes");
        thread.setDaemon(true);
        return thread;
    });

    public ExpoPushSender(JdbcClient jdbc, CommandGateway commands, ObjectMapper json,
                          @Value("${zst.expo.push-url:}") String pushUrl,
                          @Value("${zst.expo.receipts-url:}") String receiptsUrl,
                          @Value("${zst.expo.access-token:}") String accessToken,
                          @Value("${zst.expo.poll-interval:1s}") Duration pollInterval,
                          @Value("${zst.expo.receipt-delay:15m}") Duration receiptDelay,
                          @Value("${zst.expo.retry-backoff:1s}") Duration retryBackoff,
                          @Value("${zst.expo.max-backoff:5m}") Duration maxBackoff) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.json = json;
        this.expo = pushUrl.isBlank() ? null : new ExpoClient(json, pushUrl, receiptsUrl, accessToken);
        this.pollInterval = pollInterval;
        this.receiptDelay = receiptDelay;
        this.retryBackoff = retryBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Started once the node serves: no push goes out from a node that is still starting. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (expo == null) {
            log.info("Mobile pushes off: no EXPO_PUSH_URL (they stay pending in notification_pushes)");
            return;
        }
        poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Lets a call in progress end first: interrupted, its pushes could not be told sent from not
     * sent, and would be given up.
     */
    @Override
    public void destroy() throws InterruptedException {
        poller.shutdown();
        if (!poller.awaitTermination(20, TimeUnit.SECONDS)) {
            poller.shutdownNow();
        }
    }

    private void poll() {
        try {
            for (int batch = 0; batch < BATCHES_PER_POLL && !poller.isShutdown(); batch++) {
                long started = System.nanoTime();
                int sent = sendDue();
                if (sent < ExpoClient.MAX_MESSAGES) {
                    break;
                }
                long spare = sent * 1000L / PER_SECOND - (System.nanoTime() - started) / 1_000_000;
                if (spare > 0) {
                    Thread.sleep(spare);
                }
            }
            while (!poller.isShutdown() && checkReceipts() == ExpoClient.MAX_RECEIPT_IDS) {
                // a full batch: more receipts may be due
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Mobile pushes: poll failed, trying again in {}", pollInterval, e);
        }
    }

    private record Claimed(UUID notificationId, UUID userId, String token, Message message, int attempts) {
    }

    /** Claims and sends one batch of due pushes; answers how many were claimed. */
    int sendDue() {
        List<Claimed> claimed = jdbc.sql("""
                        UPDATE notification_pushes SET state = 'sending', attempts = attempts + 1, sent_at = now()
                        WHERE notification_id IN (
                            SELECT notification_id FROM notification_pushes
                            WHERE state = 'pending' AND next_attempt_at <= now()
                            ORDER BY next_attempt_at
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        RETURNING notification_id, user_id, push_token, title, body, data::text AS data, attempts
                        """)
                .param("limit", ExpoClient.MAX_MESSAGES)
                .query((rs, row) -> {
                    String token = rs.getString("push_token");
                    return new Claimed(rs.getObject("notification_id", UUID.class),
                            rs.getObject("user_id", UUID.class), token,
                            new Message(token, rs.getString("title"), rs.getString("body"), tree(rs.getString("data"))),
                            rs.getInt("attempts"));
                })
                .list();
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Ticket> tickets;
        try {
            tickets = expo.send(claimed.stream().map(Claimed::message).toList());
        } catch (RetryLater e) {
            log.warn("Mobile pushes: {} put back for later: {}", claimed.size(), e.getMessage());
            claimed.forEach(push -> retry(push, e.getMessage()));
            return claimed.size();
        } catch (Refused | Unknown e) {
            log.error("Mobile pushes: {} not sent: {}", claimed.size(), e.getMessage());
            claimed.forEach(push -> failed(push.notificationId(), e.getMessage()));
            return claimed.size();
        }
        for (int i = 0; i < claimed.size(); i++) {
            Claimed push = claimed.get(i);
            Ticket ticket = i < tickets.size() ? tickets.get(i) : null;
            if (ticket == null) {
                failed(push.notificationId(), "no ticket");
            } else if (ticket.ok()) {
                jdbc.sql("""
                                UPDATE notification_pushes SET state = 'sent', ticket_id = :ticket,
                                       next_attempt_at = now() + make_interval(secs => :delay)
                                WHERE notification_id = :id
                                """)
                        .param("ticket", ticket.id())
                        .param("delay", receiptDelay.toMillis() / 1000.0)
                        .param("id", push.notificationId())
                        .update();
            } else if ("MessageRateExceeded".equals(ticket.error())) {
                retry(push, ticket.error());
            } else {
                failed(push.notificationId(), ticket.error());
                revokeIfUnregistered(push.userId(), push.token(), ticket.error());
            }
        }
        return claimed.size();
    }

    private record Sent(UUID notificationId, UUID userId, String token, String ticketId) {
    }

    /**
     * Claims and checks one batch of receipts that are due; answers how many were claimed. Receipts
     * claimed ten minutes ago by a node that died before it could tell are asked again (reading a
     * receipt twice is harmless).
     */
    int checkReceipts() {
        List<Sent> due = jdbc.sql("""
                        UPDATE notification_pushes SET state = 'checking', checked_at = now()
                        WHERE notification_id IN (
                            SELECT notification_id FROM notification_pushes
                            WHERE (state = 'sent' AND next_attempt_at <= now())
                               OR (state = 'checking' AND checked_at < now() - interval '10 minutes')
                            ORDER BY next_attempt_at
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        RETURNING notification_id, user_id, push_token, ticket_id
                        """)
                .param("limit", ExpoClient.MAX_RECEIPT_IDS)
                .query((rs, row) -> new Sent(rs.getObject("notification_id", UUID.class),
                        rs.getObject("user_id", UUID.class), rs.getString("push_token"), rs.getString("ticket_id")))
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, Receipt> receipts;
        try {
            receipts = expo.receipts(due.stream().map(Sent::ticketId).toList());
        } catch (RetryLater | Refused | Unknown e) {
            // Asking again is harmless: receipts are only read.
            log.warn("Mobile pushes: {} receipts not checked: {}", due.size(), e.getMessage());
            due.forEach(sent -> receiptLater(sent, maxBackoff));
            return due.size();
        }
        for (Sent sent : due) {
            Receipt receipt = receipts.get(sent.ticketId());
            if (receipt == null) {
                receiptLater(sent, receiptDelay);
            } else if (receipt.ok()) {
                jdbc.sql("UPDATE notification_pushes SET state = 'delivered' WHERE notification_id = :id")
                        .param("id", sent.notificationId())
                        .update();
            } else {
                failed(sent.notificationId(), receipt.error());
                revokeIfUnregistered(sent.userId(), sent.token(), receipt.error());
            }
        }
        return due.size();
    }

    /** A receipt not there (yet): asked again later, until Expo's 24 hours are over. */
    private void receiptLater(Sent sent, Duration after) {
        jdbc.sql("""
                        UPDATE notification_pushes
                        SET state = CASE WHEN sent_at < now() - interval '1 day' THEN 'unchecked' ELSE 'sent' END,
                            next_attempt_at = now() + make_interval(secs => :after)
                        WHERE notification_id = :id
                        """)
                .param("after", after.toMillis() / 1000.0)
                .param("id", sent.notificationId())
                .update();
    }

    private void retry(Claimed push, String error) {
        long backoff = retryBackoff.toMillis() << Math.min(push.attempts() - 1, 20);
        jdbc.sql("""
                        UPDATE notification_pushes
                        SET state = CASE WHEN created_at < now() - interval '1 day' THEN 'failed' ELSE 'pending' END,
                            error = :error, next_attempt_at = now() + make_interval(secs => :backoff)
                        WHERE notification_id = :id
                        """)
                .param("error", error)
                .param("backoff", Math.min(backoff, maxBackoff.toMillis()) / 1000.0)
                .param("id", push.notificationId())
                .update();
    }

    private void failed(UUID notificationId, String error) {
        jdbc.sql("UPDATE notification_pushes SET state = 'failed', error = :error WHERE notification_id = :id")
                .param("error", error)
                .param("id", notificationId)
                .update();
    }

    private void revokeIfUnregistered(UUID userId, String token, String error) {
        if ("DeviceNotRegistered".equals(error)) {
            // The token's other pushes waiting in the outbox would only be refused again.
            jdbc.sql("""
                            UPDATE notification_pushes SET state = 'failed', error = :error
                            WHERE push_token = :token AND state = 'pending'
                            """)
                    .param("error", error)
                    .param("token", token)
                    .update();
            commands.send(new RevokePushTokenCommand(new UserId(userId), token, error))
                    .whenComplete((result, failure) -> {
                        if (failure != null) {
                            log.warn("Mobile pushes: push token of user {} not revoked", userId, failure);
                        }
                    });
        }
    }

    private JsonNode tree(String data) {
        try {
            return json.readTree(data);
        } catch (IOException e) {
            throw new IllegalStateException("notification_pushes.data is not JSON", e);
        }
    }
}
