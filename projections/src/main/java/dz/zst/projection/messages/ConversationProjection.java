package dz.zst.projection.messages;

import static dz.zst.projection.shared.EventColumns.position;

import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.MessageEvents.ConversationOpenedEvent;
import dz.zst.domain.messages.MessageEvents.ConversationReadEvent;
import dz.zst.domain.messages.MessageEvents.MessagePostedEvent;
import dz.zst.domain.shared.ReadModel;
import dz.zst.projection.shared.ReadModelGenerations;
import dz.zst.projection.shared.Replays;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The conversations, conversation_members and messages tables (API.md §13), folded from the
 * Conversation aggregate: the read model's authority, what a replay rebuilds and where an event the
 * tables refuse is set aside. A conversation's events are folded in their order (one stream, one
 * segment), each guarded by its sequence ({@link ConversationRows}). Most events are in the rows
 * before this group reads them, folded in the transaction that stored them
 * ({@link ConversationsFoldedAtCommit}); the group skips those this node folded so (no statement),
 * and its fold of those folded on another node changes nothing. A replay folds every event. Writers wait for
 * the conversation's row ({@link ReadModel#CONVERSATIONS}). Times come from the events.
 */
@Component
@ProcessingGroup("messages")
public class ConversationProjection {

    private final JdbcClient jdbc;
    private final ReadModelGenerations generations;
    private final ConversationRows rows;

    private final ConversationsFoldedAtCommit foldedAtCommit;

    ConversationProjection(JdbcClient jdbc, ReadModelGenerations generations, ConversationRows rows,
                           ConversationsFoldedAtCommit foldedAtCommit) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.rows = rows;
        this.foldedAtCommit = foldedAtCommit;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE conversations, conversation_members, messages").update();
        generations.bump(ReadModel.CONVERSATIONS);
    }

    @EventHandler
    void on(ConversationOpenedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        if (!foldedHere(event.conversationId(), version)) {
            rows.opened(event, at, version, position(token));
        }
    }

    @EventHandler
    void on(MessagePostedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        if (!foldedHere(event.conversationId(), version)) {
            rows.posted(event, at, version, position(token), ConversationRows.ANY_OLDER);
        }
    }

    @EventHandler
    void on(ConversationReadEvent event, @SequenceNumber long version, TrackingToken token) {
        if (!foldedHere(event.conversationId(), version)) {
            rows.read(event, version, position(token), ConversationRows.ANY_OLDER);
        }
    }

    /** Folded at commit on this node, and not replayed: a replay refolds rows a reset emptied. */
    private boolean foldedHere(ConversationId conversationId, long version) {
        return !Replays.replaying() && foldedAtCommit.foldedHere(conversationId.toString(), version);
    }
}
