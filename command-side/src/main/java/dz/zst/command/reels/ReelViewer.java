package dz.zst.command.reels;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dz.zst.domain.reels.ReelCommands.RecordReelViewCommand;
import dz.zst.domain.reels.ReelEvents.ReelViewedEvent;
import dz.zst.domain.reels.ReelViewerId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One viewer's counted views of one reel. It holds no rule of its own: whether a view counts (once
 * per viewer per 24 h) is decided before, in Redis; this stream is the durable record that it did,
 * and a stream per viewer keeps a watched reel's views from queueing on one aggregate.
 */
@Aggregate(repository = "reelViewerRepository")
public class ReelViewer {

    @AggregateIdentifier
    private ReelViewerId id;

    protected ReelViewer() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordReelViewCommand command) {
        apply(new ReelViewedEvent(command.viewerId(), command.reelId(), command.viewer()));
    }

    @EventSourcingHandler
    void on(ReelViewedEvent event) {
        id = event.viewerId();
    }
}
