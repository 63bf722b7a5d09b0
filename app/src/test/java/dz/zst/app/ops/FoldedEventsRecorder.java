package dz.zst.app.ops;

import dz.zst.domain.shared.ReadModelCommitted;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Records what the processing groups announce as committed (projections' FoldedEvents), for tests. */
@Component
public class FoldedEventsRecorder implements ReadModelCommitted {

    /** @param generation the group's read-model generation in Redis when the batch was announced */
    public record Announcement(String group, Map<String, Long> folded, long generation) {
    }

    private final List<Announcement> announcements = new CopyOnWriteArrayList<>();
    private final StringRedisTemplate redis;

    public FoldedEventsRecorder(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void committed(String processingGroup, Map<String, Long> folded) {
        announcements.add(new Announcement(processingGroup, folded, generation(processingGroup)));
    }

    /** The group's generation in Redis now (0 if never bumped). */
    public long generation(String group) {
        String value = redis.opsForValue().get("rm:gen:" + group);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The generation recorded with the newest announcement of {@code aggregateId} by {@code group}, or -1. */
    public long generationAnnouncing(String group, String aggregateId) {
        return announcements.stream().filter(a -> a.group().equals(group) && a.folded().containsKey(aggregateId))
                .mapToLong(Announcement::generation).max().orElse(-1);
    }

    /** How many batches {@code group} has announced so far. */
    public long announcements(String group) {
        return announcements.stream().filter(a -> a.group().equals(group)).count();
    }

    /** The newest position announced for {@code aggregateId} by {@code group}, or -1. */
    public long announced(String group, String aggregateId) {
        return announcements.stream().filter(a -> a.group().equals(group))
                .map(a -> a.folded().getOrDefault(aggregateId, -1L)).reduce(-1L, Math::max);
    }
}
