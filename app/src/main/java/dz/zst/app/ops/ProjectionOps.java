package dz.zst.app.ops;

import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final EventStore eventStore;

    public ProjectionOps(EventProcessingConfiguration processing, JdbcClient jdbc, Serializer serializer,
                         EventStore eventStore) {
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

    /** Rebuilds a read model from the event store; the API keeps answering while it catches up. */
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
        streaming.shutdownAsync().thenRun(() -> {
            // The reset handlers run inside resetTokens: each projection empties its own tables there.
            streaming.resetTokens();
            streaming.start();
            log.info("projection {} reset, rebuilding from the event store", name);
        }).exceptionally(failure -> {
            log.error("replay of projection {} failed; starting it again from where it was", name, failure);
            streaming.start();
            return null;
        });
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
    private long head() {
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
