package dz.zst.app.ops;

import dz.zst.domain.shared.ReadModelCommitted;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Records what the processing groups announce as committed (projections' FoldedEvents), for tests. */
@Component
public class FoldedEventsRecorder implements ReadModelCommitted {

    public record Announcement(String group, Map<String, Long> folded) {
    }

    private final List<Announcement> announcements = new CopyOnWriteArrayList<>();

    @Override
    public void committed(String processingGroup, Map<String, Long> folded) {
        announcements.add(new Announcement(processingGroup, folded));
    }

    /** The newest position announced for {@code aggregateId} by {@code group}, or -1. */
    public long announced(String group, String aggregateId) {
        return announcements.stream().filter(a -> a.group().equals(group))
                .map(a -> a.folded().getOrDefault(aggregateId, -1L)).reduce(-1L, Math::max);
    }
}
