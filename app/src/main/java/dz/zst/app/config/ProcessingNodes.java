package dz.zst.app.config;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Spreads the processors' segments over the nodes that fold events. Every
 * {@code zst.processors.heartbeat} (1 s) this node writes that it is alive in {@code processing_nodes}
 * (Flyway V16) under its claim name ({@link ClaimOwner}), reads the nodes seen within the token
 * store's claim timeout and each processor's segments, and keeps its processors off the segments
 * that fall to other nodes ({@link SegmentShares}): Axon's {@code releaseSegment} bars a segment
 * from this node's claims for a while (and makes it give the segment up if it holds it), renewed
 * while the segment is another's and lifted as soon as it is this node's again.
 *
 * <p>It starts once the application is ready (its processors run, so no segment waits on a node that
 * cannot fold it yet), and its graceful stop deletes the row before the processors release their
 * claims, so the others take them at their next beat. A killed node is known dead sooner than its
 * claims lapse: each node holds a session-level advisory lock on a connection of its own, which
 * PostgreSQL drops with the dead process's connections; a node whose lock is gone and whose row is
 * more than {@link #GRACE} old counts no more, and the others release its claims (an update of
 * {@code tokenentry}: such a node can commit nothing, and were it alive after all its next token
 * update would fail on the owner and roll its batch back). The others only judge so once they have
 * held their own lock for {@link #SETTLED}, so that after PostgreSQL's restart no node is taken for
 * dead before it could lock again. Only the dead node's segments move. The database's clock decides,
 * never a node's. While PostgreSQL is unreachable the bars lapse (after {@link #BAR}) and the node
 * claims as Axon would alone: a segment may be folded on a node it does not fall to, never left
 * unclaimed.
 *
 * <p>Off with {@code zst.processors.balance=false}; the node is then not counted by the others
 * either, so every node of a cluster has the same setting.
 */
@Component
@ConditionalOnProperty(name = "zst.processors.balance", havingValue = "true", matchIfMissing = true)
public class ProcessingNodes {

    private static final Logger log = LoggerFactory.getLogger(ProcessingNodes.class);
    /** How long one bar keeps a segment from this node's claims; renewed before it lapses. */
    static final Duration BAR = Duration.ofSeconds(5);
    /** A node without its lock is dead once its row is older than this (two heartbeats). */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** How long this node holds its own lock before it takes another node for dead. */
    static final Duration SETTLED = Duration.ofSeconds(3);
    /** The first key of every node's advisory lock ("ZST"); the second is {@link #lockKey}. */
    private static final int LOCK_SPACE = 0x5A5354;
    /** Rows of nodes gone for longer than this are deleted (each start has a new claim name). */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** How long a replay's hold on a processor lasts unless its node renews it (every beat). */
    static final Duration REPLAY_HOLD = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ClaimOwner owner;
    private final int lockKey;
    private final SegmentShares shares;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Duration heartbeat;
    private final Duration liveWithin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "processing-nodes");
        thread.setDaemon(true);
        return thread;
    });
    /** When each bar this node set lapses, by processor and segment. */
    private final Map<String, Map<Integer, Long>> bars = new ConcurrentHashMap<>();
    /** The processors this node holds for a replay, and whether their tokens have been reset yet. */
    private final Map<String, Boolean> replays = new ConcurrentHashMap<>();
    private volatile int liveNodes = 1;
    private volatile boolean failing;
    private long beats;
    /** The connection holding this node's advisory lock, and since when (nanoTime) it holds it. */
    private Connection lock;
    private long lockedSince;

    public ProcessingNodes(JdbcClient jdbc, DataSource dataSource, ClaimOwner owner, SegmentShares shares,
                           ObjectProvider<EventProcessingConfiguration> processing, TokenStoreProperties tokens,
                           @Value("${zst.processors.heartbeat:1s}") Duration heartbeat) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.owner = owner;
        this.lockKey = UUID.nameUUIDFromBytes(owner.name().getBytes(StandardCharsets.UTF_8)).hashCode() & Integer.MAX_VALUE;
        this.shares = shares;
        this.processing = processing;
        this.heartbeat = heartbeat;
        this.liveWithin = tokens.getClaimTimeout();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        timer.scheduleWithFixedDelay(this::beatOrLog, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() {
        timer.shutdownNow();
        try {
            // a beat under way would write the row again after the delete
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            jdbc.sql("DELETE FROM processing_nodes WHERE owner = ?").param(owner.name()).update();
            jdbc.sql("DELETE FROM projection_replays WHERE owner = ?").param(owner.name()).update();
        } catch (DataAccessException e) {
            log.warn("could not remove this node from processing_nodes: the others see it leave within {}", liveWithin);
        }
        unlock();
    }

    /** The nodes seen within the claim timeout when this node last looked, itself included. */
    public int liveNodes() {
        return liveNodes;
    }

    /**
     * Takes every segment of {@code processor} for this node, cluster-wide, for a replay: the other
     * nodes give theirs up at their next beat and keep off them while this node renews its hold.
     * Waits at most {@code wait} for no other node to hold a claim.
     *
     * @return whether the segments are free of other nodes' claims; false also when another live
     *         node holds the processor for its own replay
     */
    public boolean holdForReplay(String processor, Duration wait) throws InterruptedException {
        int held = jdbc.sql("""
                INSERT INTO projection_replays (processor, owner, until) VALUES (?, ?, now() + ? * interval '1 millisecond')
                ON CONFLICT (processor) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
                WHERE projection_replays.until < now() OR projection_replays.owner = EXCLUDED.owner""")
                .params(processor, owner.name(), REPLAY_HOLD.toMillis()).update();
        if (held == 0) {
            return false;
        }
        replays.put(processor, false);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            long elsewhere = jdbc.sql("SELECT count(*) FROM tokenentry WHERE processorname = ? AND owner <> ?")
                    .params(processor, owner.name()).query(Long.class).single();
            if (elsewhere == 0) {
                return true;
            }
            Thread.sleep(100);
        }
        releaseReplay(processor);
        return false;
    }

    /** The held processor's tokens are reset: the hold ends once it has caught up. */
    public void replayStarted(String processor) {
        replays.replace(processor, true);
    }

    /** Ends this node's hold on {@code processor}: the shares apply to it again. */
    public void releaseReplay(String processor) {
        replays.remove(processor);
        jdbc.sql("DELETE FROM projection_replays WHERE processor = ? AND owner = ?").params(processor, owner.name())
                .update();
    }

    /** A node seen within the claim timeout, and whether it is alive (its lock held, or seen lately). */
    private record Seen(String owner, boolean alive) {
    }

    /** A scheduled task that throws is never run again: a beat's surprise must not end the heartbeat. */
    private void beatOrLog() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.error("processing_nodes: a heartbeat failed; the next one follows", e);
        }
    }

    void beat() {
        List<String> nodes;
        Map<String, List<Integer>> segments = new HashMap<>();
        Map<String, String> replaying = new HashMap<>();
        boolean settled = holdLock();
        try {
            jdbc.sql("""
                    INSERT INTO processing_nodes (owner, seen_at, lock_key) VALUES (?, now(), ?)
                    ON CONFLICT (owner) DO UPDATE SET seen_at = now(), lock_key = EXCLUDED.lock_key""")
                    .params(owner.name(), lockKey).update();
            List<Seen> seen = jdbc.sql("""
                    SELECT n.owner, n.seen_at > now() - ? * interval '1 millisecond'
                           OR EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
                                      AND l.classid::bigint = ? AND l.objid::bigint = n.lock_key AND l.objsubid = 2) AS alive
                    FROM processing_nodes n WHERE n.seen_at > now() - ? * interval '1 millisecond'
                    ORDER BY n.owner""").params(GRACE.toMillis(), LOCK_SPACE, liveWithin.toMillis())
                    .query((row, n) -> new Seen(row.getString("owner"), row.getBoolean("alive"))).list();
            nodes = seen.stream().filter(node -> node.alive() || !settled).map(Seen::owner).toList();
            if (settled) {
                for (Seen dead : seen) {
                    if (!dead.alive() && !dead.owner().equals(owner.name())) {
                        int released = jdbc.sql("UPDATE tokenentry SET owner = NULL WHERE owner = ?")
                                .param(dead.owner()).update();
                        if (released > 0) {
                            log.info("node {} is gone (its lock with it): released its {} segment claim(s)",
                                    dead.owner(), released);
                        }
                    }
                }
            }
            jdbc.sql("SELECT processorname, segment FROM tokenentry").query((RowCallbackHandler) row -> segments
                    .computeIfAbsent(row.getString("processorname"), name -> new ArrayList<>()).add(row.getInt("segment")));
            renewReplays(segments);
            jdbc.sql("SELECT processor, owner FROM projection_replays WHERE until > now()")
                    .query((RowCallbackHandler) row -> replaying.put(row.getString("processor"), row.getString("owner")));
            if (++beats % 60 == 0) {
                jdbc.sql("DELETE FROM processing_nodes WHERE seen_at < now() - ? * interval '1 second'")
                        .param(FORGET_AFTER.toSeconds()).update();
            }
        } catch (DataAccessException | IllegalStateException e) {
            if (!failing) {
                failing = true;
                log.warn("processing_nodes unreachable: this node's bars on other nodes' segments lapse: {}",
                        e.getMessage());
            }
            return;
        }
        if (failing) {
            failing = false;
            log.info("processing_nodes reachable again: {} live node(s)", nodes.size());
        }
        liveNodes = nodes.size();
        if (nodes.contains(owner.name())) {
            Map<String, Set<Integer>> own = new HashMap<>(shares.own(segments, nodes, owner.name()));
            // a processor held for a replay is all its holder's, whatever the shares say
            replaying.forEach((processor, holder) -> own.computeIfPresent(processor, (name, shared) ->
                    holder.equals(owner.name()) ? Set.copyOf(segments.get(name)) : Set.of()));
            place(own, segments);
        }
    }

    /**
     * Renews this node's replay holds, and ends each whose processor has caught up: its tokens reset,
     * every segment claimed here, none replaying any more.
     */
    private void renewReplays(Map<String, List<Integer>> segments) {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        replays.forEach((processor, reset) -> {
            boolean caughtUp = reset && configuration != null
                    && configuration.eventProcessor(processor, StreamingEventProcessor.class)
                    .map(streaming -> streaming.isRunning()
                            && streaming.processingStatus().keySet().containsAll(segments.getOrDefault(processor, List.of()))
                            // Axon's own test: a segment at the reset position stays "replaying" until
                            // an event past it comes, but it has caught up
                            && !streaming.isReplaying())
                    .orElse(true);
            if (caughtUp) {
                log.info("replay of {} caught up: its segments are shared again", processor);
                releaseReplay(processor);
            } else {
                jdbc.sql("""
                        UPDATE projection_replays SET until = now() + ? * interval '1 millisecond'
                        WHERE processor = ? AND owner = ?""").params(REPLAY_HOLD.toMillis(), processor, owner.name())
                        .update();
            }
        });
    }

    /**
     * Holds this node's advisory lock on a connection of its own, taken again after the connection
     * broke (PostgreSQL restarted).
     *
     * @return whether this node has held it for {@link #SETTLED} or longer
     */
    private boolean holdLock() {
        try {
            if (lock == null || !lock.isValid(1)) {
                unlock();
                lock = dataSource.getConnection();
                lock.setAutoCommit(true);
                try (PreparedStatement take = lock.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                    take.setInt(1, LOCK_SPACE);
                    take.setInt(2, lockKey);
                    try (ResultSet taken = take.executeQuery()) {
                        if (!taken.next() || !taken.getBoolean(1)) {
                            log.warn("advisory lock of node {} held elsewhere: is its name shared?", owner.name());
                            unlock();
                            return false;
                        }
                    }
                }
                lockedSince = System.nanoTime();
            }
            return System.nanoTime() - lockedSince >= SETTLED.toNanos();
        } catch (SQLException e) {
            unlock();
            return false;
        }
    }

    /** Gives the lock up and the connection back (to the pool: a session lock would go with it). */
    private void unlock() {
        if (lock != null) {
            try (PreparedStatement release = lock.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                release.setInt(1, LOCK_SPACE);
                release.setInt(2, lockKey);
                release.execute();
            } catch (SQLException e) {
                log.debug("the advisory lock's connection is gone, and the lock with it", e);
            }
            try {
                lock.close();
            } catch (SQLException e) {
                log.debug("closing the advisory lock's connection", e);
            }
            lock = null;
        }
    }

    /** Bars each segment that is another node's, lifts the bar of each that is this node's again. */
    private void place(Map<String, Set<Integer>> own, Map<String, List<Integer>> segments) {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return;
        }
        long now = System.nanoTime();
        configuration.eventProcessors().forEach((name, processor) -> {
            if (!(processor instanceof StreamingEventProcessor streaming) || !segments.containsKey(name)) {
                return;
            }
            Map<Integer, Long> barred = bars.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
            for (int segment : segments.get(name)) {
                Long lapses = barred.get(segment);
                if (!own.get(name).contains(segment)) {
                    // renewed with a beat or two to spare, not every beat (each wakes the coordinator)
                    if (lapses == null || lapses - now < 2 * heartbeat.toNanos()) {
                        streaming.releaseSegment(segment, BAR.toMillis(), TimeUnit.MILLISECONDS);
                        barred.put(segment, now + BAR.toNanos());
                    }
                } else if (lapses != null) {
                    barred.remove(segment);
                    if (lapses - now > 0) {
                        streaming.releaseSegment(segment, 0, TimeUnit.MILLISECONDS);
                    }
                }
            }
        });
    }
}
