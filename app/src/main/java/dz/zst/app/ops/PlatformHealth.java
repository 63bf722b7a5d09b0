package dz.zst.app.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The state behind GET /api/health (API.md §1). The database decides: without it nothing works,
 * so the node reports "degraded" and the load balancer takes it out (HTTP 503). Redis down only
 * degrades features that fail open (rate limits, idempotency replays, caches): the report says
 * "degraded" with redis "down" but keeps HTTP 200, because every node shares the same Redis and
 * failing all of them would turn a partial outage into a full one. A node that is still starting
 * (read models catching up, demo data being seeded: {@link NodeReadiness}) reports "starting" with
 * HTTP 503, so it gets no traffic before it can answer as a ready node would. A ready node whose
 * event processors are in error or lag behind ({@link ProcessorHealth}) is "degraded" with 503: its
 * writes would wait for read models that do not move. Processors judged unsound while the database
 * is down report as such too (they fail with it). A node draining before it stops
 * ({@link ShutdownDrain}) reports "stopping" with 503.
 */
@Component
public class PlatformHealth implements AutoCloseable {

    public static final String UP = "up";
    public static final String DOWN = "down";

    private final DataSource dataSource;
    private final RedisConnectionFactory redis;
    private final NodeReadiness readiness;
    private final ProcessorHealth processors;
    private final ProjectionOps projections;
    private final ShutdownDrain drain;
    private final Duration timeout;
    // Bounded: while a dependency hangs, further probes queue and time out instead of piling up threads.
    private final ExecutorService probes = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "health-probe");
        thread.setDaemon(true);
        return thread;
    });

    public PlatformHealth(DataSource dataSource, RedisConnectionFactory redis, NodeReadiness readiness,
                          ProcessorHealth processors, ProjectionOps projections, ShutdownDrain drain,
                          @Value("${zst.health.timeout:1500ms}") Duration timeout) {
        this.dataSource = dataSource;
        this.redis = redis;
        this.readiness = readiness;
        this.processors = processors;
        this.projections = projections;
        this.drain = drain;
        this.timeout = timeout;
    }

    /** {@code serving}: the node takes traffic (HTTP 200); otherwise 503. */
    public record Report(boolean databaseUp, boolean serving, Map<String, Object> body) {
    }

    public Report check() {
        // The probes run at once, all within one timeout: a hung pool or socket must not hang the
        // health route past what a load balancer waits (bench/faults.sh: with the database down, three
        // probes waited one after the other, and no node answered within 2 s).
        long deadline = System.nanoTime() + timeout.toNanos();
        Future<Boolean> database = probes.submit(this::databaseUp);
        Future<Boolean> cache = probes.submit(this::redisUp);
        Future<ProcessorHealth.Verdict> folding = probes.submit(() -> processors.check(projections.head()));
        boolean databaseUp = Boolean.TRUE.equals(outcome(database, deadline));
        boolean redisUp = Boolean.TRUE.equals(outcome(cache, deadline));
        ProcessorHealth.Verdict verdict = outcome(folding, deadline);
        boolean processorsSound = verdict != null && verdict.sound();
        boolean ready = databaseUp && ready();
        boolean stopping = drain.draining();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", stopping ? "stopping" : !databaseUp ? "degraded" : !ready ? "starting"
                : processorsSound && redisUp ? "ok" : "degraded");
        body.put("timestamp", Instant.now().toString());
        body.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        body.put("memory", memory());
        body.put("database", Map.of("status", databaseUp ? UP : DOWN));
        body.put("redis", Map.of("status", redisUp ? UP : DOWN));
        body.put("processors", processorsBody(verdict));
        // Processors are judged once the node is ready: catching up at start is what "starting" says.
        return new Report(databaseUp, ready && processorsSound && !stopping, body);
    }

    /** Names only: the causes (SQL, stack traces) are for ops, at /api/v1/admin/projections. */
    private static Map<String, Object> processorsBody(ProcessorHealth.Verdict verdict) {
        Map<String, Object> processors = new LinkedHashMap<>();
        processors.put("status", verdict != null && verdict.sound() ? UP : DOWN);
        if (verdict != null) {
            processors.put("error", List.copyOf(verdict.error()));
            processors.put("lagging", verdict.lagging());
        }
        return processors;
    }

    private boolean ready() {
        try {
            return readiness.isReady();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean databaseUp() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        }
    }

    private boolean redisUp() {
        try (RedisConnection connection = redis.getConnection()) {
            return "PONG".equalsIgnoreCase(connection.ping());
        }
    }

    /** The probe's answer, or null when it failed or did not answer by the deadline. */
    private static <T> T outcome(Future<T> probe, long deadline) {
        try {
            return probe.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            probe.cancel(true);
            return null;
        }
    }

    private static Map<String, Object> memory() {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = bean.getHeapMemoryUsage();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("heap_used", heap.getUsed());
        memory.put("heap_total", heap.getCommitted());
        memory.put("heap_max", heap.getMax());
        memory.put("non_heap_used", bean.getNonHeapMemoryUsage().getUsed());
        return memory;
    }


    @Override
    public void close() {
        probes.shutdownNow();
    }
}
