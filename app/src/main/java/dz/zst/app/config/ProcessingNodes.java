package dz.zst.app.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * The nodes that fold events, as PostgreSQL knows them ({@code processing_nodes}, Flyway V16): every
 * {@code zst.processors.heartbeat} (1 s) this node writes that it is alive, under its claim name
 * ({@link ClaimOwner}), and reads which nodes were seen within the claim timeout and how many
 * segments each processor has, for {@link SegmentShares}. It starts once the application is ready
 * (its processors run, so no segment is handed to a node that cannot fold it yet) and its graceful
 * stop deletes the row before the processors release their claims, so the others' share grows at
 * once; a killed node's row ages out with its claims. The database's clock decides, never a node's.
 * While PostgreSQL is unreachable the last counts stand (no claim can change then either). Off with
 * {@code zst.processors.balance=false}, and then the node is not counted by the others either: every
 * node of a cluster has the same setting.
 */
@Component
@ConditionalOnProperty(name = "zst.processors.balance", havingValue = "true", matchIfMissing = true)
public class ProcessingNodes {

    private static final Logger log = LoggerFactory.getLogger(ProcessingNodes.class);
    /** Rows of nodes gone for longer than this are deleted (each start has a new claim name). */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final ClaimOwner owner;
    private final SegmentShares shares;
    private final Duration heartbeat;
    private final Duration liveWithin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "processing-nodes");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;
    private long beats;

    public ProcessingNodes(JdbcClient jdbc, ClaimOwner owner, SegmentShares shares, TokenStoreProperties tokens,
                           @Value("${zst.processors.heartbeat:1s}") Duration heartbeat) {
        this.jdbc = jdbc;
        this.owner = owner;
        this.shares = shares;
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
        return shares.nodes();
    }

    void beat() {
        try {
            jdbc.sql("""
                    INSERT INTO processing_nodes (owner, seen_at) VALUES (?, now())
                    ON CONFLICT (owner) DO UPDATE SET seen_at = now()""").param(owner.name()).update();
            List<String> nodes = jdbc.sql("""
                    SELECT owner FROM processing_nodes WHERE seen_at > now() - ? * interval '1 millisecond'
                    ORDER BY owner""").param(liveWithin.toMillis()).query(String.class).list();
            Map<String, Integer> segments = new HashMap<>();
            jdbc.sql("SELECT processorname, count(*) AS segments FROM tokenentry GROUP BY processorname")
                    .query((RowCallbackHandler) row -> segments.put(row.getString("processorname"), row.getInt("segments")));
            shares.update(segments, nodes, owner.name());
            if (++beats % 60 == 0) {
                jdbc.sql("DELETE FROM processing_nodes WHERE seen_at < now() - ? * interval '1 second'")
                        .param(FORGET_AFTER.toSeconds()).update();
            }
            if (failing) {
                failing = false;
                log.info("processing_nodes reachable again: {} live node(s)", nodes.size());
            }
        } catch (DataAccessException | IllegalStateException e) {
            if (!failing) {
                failing = true;
                log.warn("processing_nodes unreachable, segment shares kept as they were: {}", e.getMessage());
            }
        }
    }
}
