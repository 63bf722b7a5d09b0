package dz.zst.command.reels;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dz.zst.domain.reels.ReelCommands.LikeReelCommand;
import dz.zst.domain.reels.ReelCommands.UnlikeReelCommand;
import dz.zst.domain.reels.ReelEvents.ReelLikedEvent;
import dz.zst.domain.reels.ReelEvents.ReelUnlikedEvent;
import dz.zst.domain.reels.ReelLikeId;
import dz.zst.domain.shared.ConflictException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One user's like of one reel. Its id derives from both ({@link ReelLikeId}), so the event store's
 * unique (aggregate, sequence) key makes a like count once per user even when two nodes take the
 * same double tap at once, while likes of different users never touch the same stream.
 */
@Aggregate(repository = "reelLikeRepository")
public class ReelLike {

    @AggregateIdentifier
    private ReelLikeId id;
    private boolean liked;

    protected ReelLike() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(LikeReelCommand command) {
        if (liked) {
            throw new ConflictException("Reel already liked");
        }
        apply(new ReelLikedEvent(command.likeId(), command.reelId(), command.userId()));
    }

    /** Created if missing only to refuse: unliking a reel never liked is the same conflict as unliking twice. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UnlikeReelCommand command) {
        if (!liked) {
            throw new ConflictException("Reel not liked");
        }
        apply(new ReelUnlikedEvent(command.likeId(), command.reelId(), command.userId()));
    }

    @EventSourcingHandler
    void on(ReelLikedEvent event) {
        id = event.likeId();
        liked = true;
    }

    @EventSourcingHandler
    void on(ReelUnlikedEvent event) {
        liked = false;
    }
}
