package dz.zst.query.shared;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Whether this node folds every event of a processing group: its processor runs here and holds
 * segments covering the whole event stream, none of them failing. Then every fold of that group is
 * announced on this node ({@link ReadYourWrites#committed}), and a writer waiting for one needs the
 * database only as a safety net. With several nodes the segments are shared and the database is
 * how a node learns what another has folded.
 */
@Component
public class SegmentOwnership {

    private final ObjectProvider<EventProcessingConfiguration> processing;
    /** Looked up once: every write asks, and the provider searches the bean factory each time. */
    private volatile EventProcessingConfiguration configuration;

    public SegmentOwnership(ObjectProvider<EventProcessingConfiguration> processing) {
        this.processing = processing;
    }

    public boolean ownsAll(String processingGroup) {
        EventProcessingConfiguration configuration = this.configuration;
        if (configuration == null) {
            configuration = processing.getIfAvailable();
            if (configuration == null) {
                return false;
            }
            this.configuration = configuration;
        }
        return configuration.eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                .filter(StreamingEventProcessor::isRunning)
                .map(processor -> {
                    // A segment of mask m is 1/(m+1) of the stream: sums of such fractions are exact in a double.
                    double share = 0;
                    for (EventTrackerStatus status : processor.processingStatus().values()) {
                        if (status.isErrorState()) {
                            return false;
                        }
                        share += 1.0 / (status.getSegment().getMask() + 1);
                    }
                    return share >= 1.0;
                })
                .orElse(false);
    }
}
