package dz.zst.query.shared;

import dz.zst.domain.shared.AwaitReadModelQuery;
import dz.zst.domain.shared.EventPositions;
import dz.zst.domain.shared.GenerationBumps;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.ReadModelBehindException;
import dz.zst.domain.shared.ReadModelCommitted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read half of read-your-writes: answers an {@link AwaitReadModelQuery} once the aggregates'
 * events are folded into the read model (or the timeout passes), with the read model's generation
 * bumped so no cache anywhere serves what it held before the write: by the fold itself when this
 * node's group announced it (FoldedEvents bumps before it announces), else here.
 *
 * <p>Folded means: announced by this node's processing group as committed ({@link
 * ReadModelCommitted}, kept in memory for 30 s or more), or, for a group whose segment runs on
 * another node, rows in the read model that carry the awaited event-store positions. While another
 * node may fold the group, the database is asked at once, then again after 1 ms growing to 20 ms
 * without a local commit answering (every 250 ms once the wait passes a second); while this node
 * folds all of it ({@link SegmentOwnership}), the announcement is what answers and the database, a
 * safety net, is asked every 250 ms without one.
 * Dozens of writers waiting on one busy group cost no query per commit of that group; a hot reel's
 * likes, each waiting a few hundred milliseconds for their batch, had cost 14 queries a like at
 * the 20 ms pace.
 */
@Component
public class ReadYourWrites implements ReadModelCommitted {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final long MAX_PAUSE_MS = 20;
    private static final long SAFETY_NET_PAUSE_MS = 250;
    /**
     * A wait longer than this is not a fold a moment away on another node but a group nobody folds
     * for now (its segments being taken over from a dead node, a batch retried): the database is
     * then asked at the safety net's pace. bench/faults.sh's kill had every writer of the survivors
     * asking it every 20 ms for up to 10 s, 9–12 % of each survivor's CPU (async-profiler) and as many
     * queries for PostgreSQL, both needed by the catch-up those writers wait for.
     */
    private static final long PATIENT_AFTER_NANOS = 1_000_000_000L;

    private final JdbcClient jdbc;
    private final GenerationBumps generations;
    private final Duration timeout;
    private final SegmentOwnership segments;
    private final Counter databaseChecks;
    private final MeterRegistry meters;
    private final Map<String, FoldedPositions> groups = new ConcurrentHashMap<>();

    public ReadYourWrites(JdbcClient jdbc, GenerationBumps generations, SegmentOwnership segments, MeterRegistry meters,
                          @Value("${zst.read-your-writes-timeout:10s}") Duration timeout) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.segments = segments;
        this.timeout = timeout;
        this.meters = meters;
        this.databaseChecks = Counter.builder("zst.read_your_writes.database_checks")
                .description("Read-model rows read by writers waiting for their writes to be folded")
                .register(meters);
    }

    /** How a wait ended. */
    private enum Fold {
        /** Announced by this node's group, which bumped the read model's generation before announcing. */
        ANNOUNCED,
        /** Found in the read model's rows: folded on another node, or not yet announced here. */
        IN_ROWS,
        /** An awaited event (or an earlier one of its aggregate) was set aside as a dead letter. */
        DEAD_LETTERED,
        TIMED_OUT
    }

    /**
     * Answers once the read model has folded the awaited positions ({@code true}) or the timeout
     * passed ({@code false}); throws {@link ReadModelBehindException} at once when it set one of the
     * writes' events aside as a dead letter, counted in {@code zst.read_your_writes.dead_lettered}.
     */
    @QueryHandler
    public Boolean await(AwaitReadModelQuery query) throws InterruptedException {
        Fold fold = awaitFold(query);
        ReadModel readModel = query.readModel();
        if (fold == Fold.DEAD_LETTERED) {
            // Registering an existing meter answers it: a rare path needs no map of its own.
            Counter.builder("zst.read_your_writes.dead_lettered")
                    .description("Writes answered 503 because a read model set their event aside as a dead letter")
                    .tag("read_model", readModel.name().toLowerCase(Locale.ROOT))
                    .register(meters).increment();
            throw new ReadModelBehindException(readModel);
        }
        if (fold == Fold.IN_ROWS && readModel.cached()) {
            // An announced fold has bumped the generation already (FoldedEvents); one found in the
            // rows may not have yet, on whichever node folded it.
            generations.bump(readModel);
        }
        if (fold != Fold.TIMED_OUT && readModel.cachedPerRow()) {
            // The projection changes its rows' generations after the commit too, but Axon runs
            // after-commit handlers newest first, so after the announcement: the writer's next
            // request could still find its own row cached.
            query.positions().keySet().forEach(id -> generations.bumpRow(readModel, id));
        }
        return fold != Fold.TIMED_OUT;
    }

    /**
     * Waits like {@link #await} but leaves the caches alone: for event handlers that read what
     * another group folded (the live pushes), where the writer's own wait bumps the generation.
     */
    public boolean folded(AwaitReadModelQuery query) throws InterruptedException {
        Fold fold = awaitFold(query);
        return fold == Fold.ANNOUNCED || fold == Fold.IN_ROWS;
    }

    /**
     * For a live push about the event at {@code token}: whether {@code readModel} has folded it for
     * the aggregate, so the push may read the row. When it has not (the event was set aside as a dead
     * letter, or not folded within the wait) that is logged and the caller sends nothing: a push
     * would announce a change no read shows.
     */
    public boolean foldedForPush(ReadModel readModel, Object aggregateId, TrackingToken token)
            throws InterruptedException {
        if (folded(AwaitReadModelQuery.of(readModel, aggregateId.toString(), EventPositions.current(token)))) {
            return true;
        }
        log.info("no push for {} {}: its read model has not folded event {}", readModel, aggregateId, token);
        return false;
    }

    private Fold awaitFold(AwaitReadModelQuery query) throws InterruptedException {
        ReadModel readModel = query.readModel();
        Map<String, Long> awaited = query.positions();
        FoldedPositions folded = group(readModel.processingGroup());
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long pauseMs = 1;
        long askedAt = 0;
        boolean asked = false;
        if (segments.ownsAll(readModel.processingGroup())) {
            // This node folds the whole group, so its announcement will answer: the database is
            // only the safety net, first asked after the safety-net pause like every later time.
            // Asking it at once cost one query per write, nearly always too early to say yes.
            pauseMs = SAFETY_NET_PAUSE_MS;
            asked = true;
            askedAt = System.nanoTime();
        }
        while (true) {
            if (folded.covers(awaited)) {
                return Fold.ANNOUNCED;
            }
            if (folded.parks(awaited)) {
                return Fold.DEAD_LETTERED;
            }
            long now = System.nanoTime();
            if (!asked || now - askedAt >= pauseMs * 1_000_000) {
                if (readModelCovers(readModel, awaited)) {
                    return Fold.IN_ROWS;
                }
                if (hasDeadLetters(readModel, awaited)) {
                    return Fold.DEAD_LETTERED;
                }
                asked = true;
                askedAt = now;
                pauseMs = segments.ownsAll(readModel.processingGroup()) || now - started > PATIENT_AFTER_NANOS
                        ? SAFETY_NET_PAUSE_MS : Math.min(pauseMs * 2, MAX_PAUSE_MS);
            }
            if (now > deadline) {
                log.warn("Read model {} did not reach positions {} within {}", readModel, awaited, timeout);
                return Fold.TIMED_OUT;
            }
            folded.awaitCovered(awaited, pauseMs);
        }
    }

    @Override
    public void committed(String processingGroup, Map<String, Long> positions) {
        group(processingGroup).add(positions);
    }

    @Override
    public void deadLettered(String processingGroup, Map<String, Long> parked) {
        group(processingGroup).park(parked);
    }

    /**
     * Whether the group holds a dead letter of an awaited aggregate (parked on any node): asked
     * only after the rows said not yet, so a healthy wait costs no extra query.
     */
    private boolean hasDeadLetters(ReadModel readModel, Map<String, Long> awaited) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM deadletterentry WHERE processinggroup = ? "
                        + "AND aggregateidentifier = ANY(?))")
                .param(readModel.processingGroup()).param(awaited.keySet().toArray(String[]::new))
                .query(Boolean.class).single();
    }

    private boolean readModelCovers(ReadModel readModel, Map<String, Long> awaited) {
        databaseChecks.increment();
        UUID[] ids = awaited.keySet().stream().map(UUID::fromString).toArray(UUID[]::new);
        Map<String, Long> rows = new HashMap<>();
        jdbc.sql("SELECT id, position FROM " + readModel.positionTable() + " WHERE id = ANY(?)").param(ids)
                .query((rs, row) -> rows.put(rs.getString(1), rs.getLong(2))).list();
        return awaited.entrySet().stream().allMatch(entry -> rows.getOrDefault(entry.getKey(), -1L) >= entry.getValue());
    }

    private FoldedPositions group(String processingGroup) {
        return groups.computeIfAbsent(processingGroup, group -> new FoldedPositions());
    }
}
