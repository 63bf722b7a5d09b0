package dz.zst.app.ops;

import dz.zst.app.config.ClaimOwner;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether this node's event processors are sound, for /api/health: none in error, none of the
 * segments it runs more than {@code zst.health.max-processor-lag} events behind the head of the
 * event store. A node that fails this is degraded (503), so the load balancer takes it out while
 * its processors are sick, and the segments it cannot fold are not its to report for long: a
 * degraded node still releases them on shutdown and another node claims them.
 *
 * <p>In error means: the processor's coordinator is backing off after a failure while it holds
 * segments here (Axon reports it), or a batch of one of its segments on this node failed and no later batch of that segment has
 * committed since. The second is recorded here, by an interceptor on every processor, because
 * Axon's own segment status does not keep it: a pooled processor aborts the failed segment's work,
 * releases it and drops its status until it claims the segment again after a back-off (Axon 4.13.0,
 * Coordinator). The failure is forgotten once another node has claimed the segment (it folds there, and
 * reports its own failures), or when none followed it within {@code zst.health.error-memory}. Without
 * the first, every node that lost a batch to a 10 s database outage stayed degraded for the whole
 * memory (2 minutes, bench/faults.sh postgres) while the other nodes folded its segments. Segments being
 * replayed (ops' rebuild) are not lagging: the API answers from the old rows meanwhile, by design.
 */
@Component
public class ProcessorHealth implements ConfigurerModule {

    /** Where Axon's pooled work package keeps the segment of the batch being processed. */
    private static String segmentResource(String processor) {
        return "Processor[" + processor + "]/SegmentId";
    }

    private static final String WATCHED = ProcessorHealth.class.getName();

    /** This node's verdict; {@code error} and {@code lagging} name the processors (lag in events). */
    public record Verdict(boolean sound, TreeSet<String> error, Map<String, Long> lagging) {
    }

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final JdbcClient jdbc;
    private final ClaimOwner self;
    private final long maxLag;
    private final long errorMemoryNanos;
    /** processor → segment → when its last batch failed (System.nanoTime). */
    private final Map<String, Map<Integer, Long>> failedBatches = new ConcurrentHashMap<>();

    public ProcessorHealth(ObjectProvider<EventProcessingConfiguration> processing, JdbcClient jdbc, ClaimOwner self,
                           @Value("${zst.health.max-processor-lag:10000}") long maxLag,
                           @Value("${zst.health.error-memory:2m}") Duration errorMemory) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.self = self;
        this.maxLag = maxLag;
        this.errorMemoryNanos = errorMemory.toNanos();
    }

    /** Records each batch's outcome, on every processor. */
    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (configuration, processor) -> outcomeRecorder(processor));
    }

    private MessageHandlerInterceptor<EventMessage<?>> outcomeRecorder(String processor) {
        return (unitOfWork, chain) -> {
            UnitOfWork<?> batch = unitOfWork.root();
            if (batch.resources().putIfAbsent(WATCHED, Boolean.TRUE) == null
                    && batch.getResource(segmentResource(processor)) instanceof Integer segment) {
                batch.onRollback(u -> failedBatches.computeIfAbsent(processor, p -> new ConcurrentHashMap<>())
                        .put(segment, System.nanoTime()));
                batch.afterCommit(u -> {
                    Map<Integer, Long> failed = failedBatches.get(processor);
                    if (failed != null) {
                        failed.remove(segment);
                    }
                });
            }
            return chain.proceed();
        };
    }

    /** @param head the event store's newest global position */
    public Verdict check(long head) {
        TreeSet<String> error = new TreeSet<>();
        Map<String, Long> lagging = new TreeMap<>();
        long now = System.nanoTime();
        failedBatches.values().forEach(failed -> failed.values().removeIf(at -> now - at > errorMemoryNanos));
        forgetClaimedElsewhere();
        for (EventProcessor processor : processing.getObject().eventProcessors().values()) {
            String name = processor.getName();
            if (!failedBatches.getOrDefault(name, Map.of()).isEmpty()) {
                error.add(name);
            }
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                if (processor.isError()) {
                    error.add(name);
                }
            } else {
                Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
                // Axon 4.13.0's pooled coordinator stays "in error" after a failure until a run that
                // has work packages resets its back-off: a node that holds no segment of the group
                // (another node has them all) would say so forever after one database blip. Its
                // error counts only while it holds segments to fold.
                if (processor.isError() && !segments.isEmpty()) {
                    error.add(name);
                }
                long lag = 0;
                for (EventTrackerStatus segment : segments.values()) {
                    if (segment.isErrorState()) {
                        error.add(name);
                    }
                    if (!segment.isReplaying()) {
                        lag = Math.max(lag, head - segment.getCurrentPosition().orElse(head));
                    }
                }
                if (lag > maxLag) {
                    lagging.put(name, lag);
                }
            }
        }
        return new Verdict(error.isEmpty() && lagging.isEmpty(), error, lagging);
    }

    /**
     * Drops the failures of segments another node has claimed since. Asked only while failures are
     * remembered: a sound node's check costs no query.
     */
    private void forgetClaimedElsewhere() {
        if (failedBatches.values().stream().allMatch(Map::isEmpty)) {
            return;
        }
        Set<String> elsewhere = new HashSet<>();
        jdbc.sql("SELECT processorname, segment FROM tokenentry WHERE owner IS NOT NULL AND owner <> ?")
                .param(self.name())
                .query((rs, row) -> elsewhere.add(rs.getString(1) + "/" + rs.getInt(2)))
                .list();
        failedBatches.forEach((processor, failed) ->
                failed.keySet().removeIf(segment -> elsewhere.contains(processor + "/" + segment)));
    }
}
