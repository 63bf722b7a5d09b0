package dz.zst.projection.messages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dz.zst.domain.messages.MessageEvents.ConversationOpenedEvent;
import dz.zst.domain.messages.MessageEvents.ConversationReadEvent;
import dz.zst.domain.messages.MessageEvents.MessagePostedEvent;
import dz.zst.domain.shared.FoldedInThisThread;
import dz.zst.domain.shared.ReadModel;
import dz.zst.projection.shared.FoldAnnouncements;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Folds a conversation's events into its rows inside the transaction that stores them, on the node
 * that handled the command, and announces them there once committed (and to the writer's thread,
 * {@link FoldedInThisThread}, which then needs no lookup of its position): a message's sender is answered
 * (read-your-writes, the same wait as every write) as soon as the message is stored, not after the
 * messages group has read the event back from the store, queued and folded it. That read-back was
 * 85 % of a send's wall-clock time under bench/messages.sh's 200 messages a second.
 *
 * <p>The messages group ({@link ConversationProjection}) stays the read model's authority: it folds
 * every event again (a no-op for a row already at its version), rebuilds the rows on a replay and
 * sets aside what the tables refuse. So this fold only ever helps, and steps aside whenever it
 * could disagree with the group:
 * <ul>
 *   <li>an event moves its conversation's row only from the version just before it: a row that is
 *   behind (an earlier event set aside as a dead letter, or not folded yet during a replay) is left
 *   to the group, which folds or sets aside the conversation's events in their order;</li>
 *   <li>its statements run in a savepoint: one that fails is rolled back to it, logged, and the
 *   write still commits (a poison message is then the group's dead letter, answered 503 as
 *   before), instead of aborting the transaction that stores the event;</li>
 *   <li>events published outside a transaction, or whose row in the event store this node's
 *   database does not hold, are left to the group.</li>
 * </ul>
 * Rows come out as the group's: the same statements ({@link ConversationRows}), with the event's
 * own global index and its timestamp as the event store holds them, read in the same transaction.
 * {@code zst.messages.fold-at-commit=false} leaves every fold to the group.
 */
@Component
public class ConversationsFoldedAtCommit implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConversationsFoldedAtCommit.class);

    private final ConversationRows rows;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final FoldAnnouncements announcements;
    private final Registration subscription;
    /** Conversation id → newest version folded here at commit ({@link #foldedHere}); bounded, a loss only costs a statement. */
    private final Cache<String, Long> foldedHere = Caffeine.newBuilder().maximumSize(100_000).build();

    ConversationsFoldedAtCommit(ConversationRows rows, JdbcClient jdbc, DataSource dataSource,
                                FoldAnnouncements announcements, EventStore eventStore,
                                @Value("${zst.messages.fold-at-commit:true}") boolean enabled) {
        this.rows = rows;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.announcements = announcements;
        // The event store hands its subscribers a unit of work's events while it prepares the
        // commit, right after appending them, in the transaction that stores them.
        this.subscription = enabled ? eventStore.subscribe(this::fold) : null;
    }

    @Override
    public void destroy() {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private void fold(List<? extends EventMessage<?>> events) {
        List<DomainEventMessage<?>> conversations = events.stream()
                .filter(event -> event instanceof DomainEventMessage<?> && isConversations(event.getPayload()))
                .<DomainEventMessage<?>>map(event -> (DomainEventMessage<?>) event)
                .toList();
        if (conversations.isEmpty() || !CurrentUnitOfWork.isStarted()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        Map<String, Folded> folded = inSavepoint(conversations);
        if (!folded.isEmpty()) {
            Map<String, Long> positions = new HashMap<>();
            folded.forEach((id, newest) -> positions.put(id, newest.position()));
            CurrentUnitOfWork.get().afterCommit(committed -> {
                folded.forEach((id, newest) -> foldedHere.asMap().merge(id, newest.version(), Math::max));
                announcements.committed(ReadModel.CONVERSATIONS.processingGroup(), ReadModel.CONVERSATIONS, positions,
                        Map.of());
                FoldedInThisThread.record(positions);
            });
        }
    }

    private static boolean isConversations(Object payload) {
        return payload instanceof ConversationOpenedEvent || payload instanceof MessagePostedEvent
                || payload instanceof ConversationReadEvent;
    }

    /** A conversation's newest event folded here: its global index and its version. */
    private record Folded(long position, long version) {
    }

    /**
     * Folds the events in one savepoint: each aggregate folded with its newest event, or none at
     * all. The savepoint is never released: its transaction is about to commit, and a release is one
     * more round trip per message.
     */
    private Map<String, Folded> inSavepoint(List<DomainEventMessage<?>> events) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                return foldInOrder(events);
            } catch (RuntimeException e) {
                connection.rollback(savepoint);
                log.warn("conversation events {} left to the messages group: {}",
                        events.stream().map(DomainEventMessage::getAggregateIdentifier).distinct().toList(),
                        NestedExceptionUtils.getMostSpecificCause(e).toString());
                return Map.of();
            }
        } catch (SQLException e) {
            log.warn("conversation events left to the messages group: savepoint failed: {}", e.toString());
            return Map.of();
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Stops at an aggregate's first event that did not fold: its later ones cannot either. Answers
     * each aggregate folded with its newest event (a unit of work's events come in their order).
     */
    private Map<String, Folded> foldInOrder(List<DomainEventMessage<?>> events) {
        Map<String, Folded> folded = new HashMap<>();
        Set<String> behind = new HashSet<>();
        for (DomainEventMessage<?> event : events) {
            String id = event.getAggregateIdentifier();
            if (behind.contains(id)) {
                continue;
            }
            Long position = fold(event);
            if (position == null) {
                behind.add(id);
                folded.remove(id);
            } else {
                folded.put(id, new Folded(position, event.getSequenceNumber()));
            }
        }
        return folded;
    }

    /**
     * Whether this node folded the conversation's event of {@code version} (or a later one) in the
     * transaction that stored it, committed: its rows are at that version or beyond (rows only move
     * forward; only a reset empties them, and a replay's events are never asked about), so the
     * messages group has nothing to do for it. False when unknown (folded on another node, or
     * forgotten): the group then runs its statement, which changes nothing if the row is there.
     */
    boolean foldedHere(String conversationId, long version) {
        Long newest = foldedHere.getIfPresent(conversationId);
        return newest != null && newest >= version;
    }

    /** Folds one event and answers its position, or null when the row was not where the event needs it. */
    private Long fold(DomainEventMessage<?> event) {
        long version = event.getSequenceNumber();
        Object payload = event.getPayload();
        if (payload instanceof MessagePostedEvent posted) {
            return rows.posted(posted, null, version, null, version - 1);
        }
        Stored stored = stored(event);
        if (stored == null) {
            return null;
        }
        boolean moved = payload instanceof ConversationOpenedEvent opened
                ? rows.opened(opened, stored.at(), version, stored.position())
                : payload instanceof ConversationReadEvent read
                        && rows.read(read, version, stored.position(), version - 1);
        return moved ? stored.position() : null;
    }

    /**
     * An event's global index and timestamp as the event store holds them, what the group will read:
     * the store keeps a timestamp to the millisecond, the event in memory to the microsecond.
     */
    private record Stored(long position, Instant at) {
    }

    /** The event as appended a moment ago in this transaction; null if this database does not hold it. */
    private Stored stored(DomainEventMessage<?> event) {
        return jdbc.sql("SELECT globalindex, timestamp FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND sequencenumber = ?")
                .param(event.getAggregateIdentifier()).param(event.getSequenceNumber())
                .query((rs, row) -> new Stored(rs.getLong(1), DateTimeUtils.parseInstant(rs.getString(2))))
                .optional().orElse(null);
    }
}
