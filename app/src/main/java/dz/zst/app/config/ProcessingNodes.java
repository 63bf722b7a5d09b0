package dz.zst.app.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * claims, so the others take them at their next beat. A killed node's row ages out with its claims,
 * and only its segments move. The database's clock decides, never a node's. While PostgreSQL is
 * unreachable the bars lapse (after {@link #BAR}) and the node claims as Axon would alone: a segment
 * may be folded on a node it does not fall to, never left unclaimed.
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
    /** Rows of nodes gone for longer than this are deleted (each start has a new claim name). */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final ClaimOwner owner;
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
    private volatile int liveNodes = 1;
    private volatile boolean failing;
    private long beats;

    public ProcessingNodes(JdbcClient jdbc, ClaimOwner owner, SegmentShares shares,
                           ObjectProvider<EventProcessingConfiguration> processing, TokenStoreProperties tokens,
                           @Value("${zst.processors.heartbeat:1s}") Duration heartbeat) {
        this.jdbc = jdbc;
        this.owner = owner;
        this.shares = shares;
        this.processing = processing;
        this.heartbeat = heartbeat;
        this.liveWithin = tokens.getClaimTimeout();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        timer.scheduleWithFixedDelay(this::beat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
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
        } catch (DataAccessException e) {
            log.warn("could not remove this node from processing_nodes: the others see it leave within {}", liveWithin);
        }
    }

    /** The nodes seen within the claim timeout when this node last looked, itself included. */
    public int liveNodes() {
        return liveNodes;
    }

    void beat() {
        List<String> nodes;
        Map<String, List<Integer>> segments = new HashMap<>();
        try {
            jdbc.sql("""
                    INSERT INTO processing_nodes (owner, seen_at) VALUES (?, now())
                    ON CONFLICT (owner) DO UPDATE SET seen_at = now()""").param(owner.name()).update();
            nodes = jdbc.sql("""
                    SELECT owner FROM processing_nodes WHERE seen_at > now() - ? * interval '1 millisecond'
                    ORDER BY owner""").param(liveWithin.toMillis()).query(String.class).list();
            jdbc.sql("SELECT processorname, segment FROM tokenentry").query((RowCallbackHandler) row -> segments
                    .computeIfAbsent(row.getString("processorname"), name -> new ArrayList<>()).add(row.getInt("segment")));
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
            place(shares.own(segments, nodes, owner.name()), segments);
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
