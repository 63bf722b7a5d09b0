package dz.zst.app.ops;

import dz.zst.app.config.ProcessingNodes;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.NotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Status and rebuild of the read models. Positions come from the token store, so the view covers
 * segments claimed by any node; what only a live tracker knows (caught up, error) comes from this
 * node's processors and, for segments another node holds, caught up is judged against the head.
 */
@Service
public class ProjectionOps {

    private static final Logger log = LoggerFactory.getLogger(ProjectionOps.class);
    /** How long a replay's request waits for the processor to stop and its read model to be emptied. */
    static final Duration RESET_WAIT = Duration.ofSeconds(30);

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final EventStore eventStore;
    /** The segments' placement over the nodes; absent when the nodes do not share segments. */
    private final ObjectProvider<ProcessingNodes> nodes;

    public ProjectionOps(EventProcessingConfiguration processing, JdbcClient jdbc, Serializer serializer,
                         EventStore eventStore, ObjectProvider<ProcessingNodes> nodes) {
        this.nodes = nodes;
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.eventStore = eventStore;
    }

    public List<ProjectionStatus> list() {
        long head = head();
        Map<String, Long> deadLetters = new HashMap<>();
        jdbc.sql("SELECT processinggroup, count(*) AS n FROM deadletterentry GROUP BY processinggroup")
                .query((rs, row) -> deadLetters.put(rs.getString("processinggroup"), rs.getLong("n")))
                .list();
        return processing.eventProcessors().values().stream()
                .map(processor -> status(processor, head, deadLetters.getOrDefault(processor.getName(), 0L)))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    /**
     * Rebuilds a read model from the event store; the API keeps answering while it catches up.
     * Returns once the read model has been emptied and the processor restarted from the start of the
     * stream (at most {@link #RESET_WAIT}), so that a status read after the answer shows the rebuild,
     * not the read model as it was before it.
     */
    public void replay(String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        if (processor == null) {
            throw new NotFoundException("Projection " + name + " not found");
        }
        if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.supportsReset()) {
            throw new ConflictException("Projection " + name + " can't be replayed");
        }
        if (streaming.isReplaying()) {
            throw new ConflictException("Projection " + name + " is already replaying");
        }
        // Axon resets only tokens no other node has claimed: with the segments shared, the other
        // nodes first give this processor's up to this one for the replay.
        ProcessingNodes cluster = nodes.getIfAvailable();
        if (cluster != null && !holdForReplay(cluster, name)) {
            throw new ConflictException("Projection " + name + " is being replayed by another node, or another node"
                    + " did not give its segments up within " + RESET_WAIT.toSeconds() + " s");
        }
        CompletableFuture<Void> reset = streaming.shutdownAsync().thenRun(() -> {
            // The reset handlers run inside resetTokens: each projection empties its own tables there.
            streaming.resetTokens();
            streaming.start();
            if (cluster != null) {
                cluster.replayStarted(name);
            }
            log.info("projection {} reset, rebuilding from the event store", name);
        });
        reset.exceptionally(failure -> {
            log.error("replay of projection {} failed; starting it again from where it was", name, failure);
            streaming.start();
            if (cluster != null) {
                cluster.releaseReplay(name);
            }
            return null;
        });
        try {
            reset.get(RESET_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failure) {
            // Typically another node holding a segment: Axon resets only tokens no one has claimed.
            throw new ConflictException("Projection " + name + " could not be reset ("
                    + failure.getCause().getMessage() + "); it goes on from where it was");
        } catch (TimeoutException slow) {
            log.warn("projection {} still stopping after {}: its reset follows once it has stopped", name, RESET_WAIT);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean holdForReplay(ProcessingNodes cluster, String name) {
        try {
            return cluster.holdForReplay(name, RESET_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.releaseReplay(name);
            return false;
        }
    }

    /**
     * The group's dead letters, oldest sequence first, each with the event and why it failed: what
     * ops read before they fix the cause, and what a replay that met a failing event reports.
     */
    public List<DeadLetterView> deadLetters(String name) {
        requireDeadLettering(name);
        return jdbc.sql("""
                        SELECT d.deadletteridentifier, d.sequenceidentifier, d.sequenceindex, d.aggregateidentifier,
                               d.sequencenumber, d.payloadtype, e.globalindex, d.timestamp, d.enqueuedat,
                               d.lasttouched, d.causetype, d.causemessage
                        FROM deadletterentry d LEFT JOIN domainevententry e ON e.eventidentifier = d.eventidentifier
                        WHERE d.processinggroup = ? ORDER BY d.sequenceidentifier, d.sequenceindex
                        """)
                .param(name)
                .query((rs, row) -> new DeadLetterView(rs.getString("deadletteridentifier"),
                        rs.getString("sequenceidentifier"), rs.getLong("sequenceindex"),
                        rs.getString("aggregateidentifier"), (Long) rs.getObject("sequencenumber"),
                        simpleName(rs.getString("payloadtype")),
                        (Long) rs.getObject("globalindex"),
                        rs.getString("timestamp"),
                        rs.getString("enqueuedat"), rs.getString("lasttouched"), rs.getString("causetype"),
                        rs.getString("causemessage")))
                .list();
    }

    /**
     * Applies the group's dead letters again, each sequence in order, after the cause was fixed:
     * a sequence that now folds leaves the queue, one that still fails stays with its new cause.
     * Answers how many sequences were retried and how many sequences are still parked.
     */
    public DeadLetterRetry retryDeadLetters(String name) {
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(name)
                .orElseThrow(() -> new NotFoundException("Projection " + name + " has no dead-letter queue"));
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(name).orElseThrow();
        long sequences = queue.amountOfSequences();
        int folded = 0;
        for (long i = 0; i < sequences; i++) {
            if (letters.processAny()) {
                folded++;
            }
        }
        long left = queue.amountOfSequences();
        log.info("dead letters of {}: {} of {} sequences folded on retry, {} left", name, folded, sequences, left);
        return new DeadLetterRetry(name, sequences, folded, left);
    }

    /**
     * Drops one dead letter for good: the operators decided its event is not to be folded. The
     * rest of its sequence stays parked until retried.
     */
    public void evictDeadLetter(String name, String letterId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(name)
                .orElseThrow(() -> new NotFoundException("Projection " + name + " has no dead-letter queue"));
        String sequence = jdbc.sql("SELECT sequenceidentifier FROM deadletterentry "
                        + "WHERE processinggroup = ? AND deadletteridentifier = ?")
                .param(name).param(letterId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("Dead letter " + letterId + " not found"));
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
            if (letter instanceof JdbcDeadLetter<?> stored && stored.getIdentifier().equals(letterId)) {
                queue.evict(letter);
                log.warn("dead letter {} of {} (sequence {}) evicted: its event will not be folded", letterId, name,
                        sequence);
                return;
            }
        }
        throw new NotFoundException("Dead letter " + letterId + " not found");
    }

    private void requireDeadLettering(String name) {
        if (!processing.eventProcessors().containsKey(name)) {
            throw new NotFoundException("Projection " + name + " not found");
        }
        if (processing.deadLetterQueue(name).isEmpty()) {
            throw new NotFoundException("Projection " + name + " has no dead-letter queue");
        }
    }

    private static String simpleName(String payloadType) {
        return payloadType == null ? null : payloadType.substring(payloadType.lastIndexOf('.') + 1)
                .replace('$', '.');
    }

    private ProjectionStatus status(EventProcessor processor, long head, long deadLetters) {
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            String state = processor.isError() ? ProjectionStatus.ERROR
                    : processor.isRunning() ? ProjectionStatus.RUNNING : ProjectionStatus.STOPPED;
            return new ProjectionStatus(processor.getName(), state, List.of(), head, head, 0, false, deadLetters);
        }
        Map<Integer, EventTrackerStatus> live = streaming.processingStatus();
        List<ProjectionStatus.SegmentStatus> segments = new ArrayList<>();
        jdbc.sql("SELECT segment, token, tokentype, owner FROM tokenentry WHERE processorname = ? ORDER BY segment")
                .param(processor.getName())
                .query((rs, row) -> {
                    int segment = rs.getInt("segment");
                    long position = position(rs.getBytes("token"), rs.getString("tokentype"));
                    EventTrackerStatus tracker = live.get(segment);
                    if (tracker != null) {
                        position = tracker.getCurrentPosition().orElse(position);
                        segments.add(new ProjectionStatus.SegmentStatus(segment, position, tracker.isCaughtUp(),
                                tracker.isReplaying(), rs.getString("owner"),
                                tracker.isErrorState() ? describe(tracker.getError()) : null));
                    } else {
                        segments.add(new ProjectionStatus.SegmentStatus(segment, position, position >= head,
                                false, rs.getString("owner"), null));
                    }
                    return segment;
                })
                .list();
        long position = segments.stream().mapToLong(ProjectionStatus.SegmentStatus::position).min().orElse(0);
        boolean replaying = streaming.isReplaying();
        boolean error = streaming.isError() || segments.stream().anyMatch(s -> s.error() != null);
        String state = error ? ProjectionStatus.ERROR
                : replaying ? ProjectionStatus.REPLAYING
                : streaming.isRunning() ? ProjectionStatus.RUNNING : ProjectionStatus.STOPPED;
        return new ProjectionStatus(processor.getName(), state, segments, position, head,
                Math.max(0, head - position), replaying, deadLetters);
    }

    /** Asked of the event store itself, so it holds on Axon Server as on the PostgreSQL event table. */
    long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** A token not yet written (or unreadable) counts as the start of the stream. */
    private long position(byte[] token, String type) {
        if (token == null || type == null) {
            return 0;
        }
        try {
            TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
            OptionalLong position = tracking == null ? OptionalLong.empty() : tracking.position();
            return position.orElse(0);
        } catch (RuntimeException e) {
            log.debug("unreadable token of type {}", type, e);
            return 0;
        }
    }

    private static String describe(Throwable error) {
        return error == null ? "error" : Objects.requireNonNullElse(error.getMessage(), error.getClass().getSimpleName());
    }
}
