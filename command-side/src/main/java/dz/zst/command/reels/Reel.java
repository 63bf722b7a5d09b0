package dz.zst.command.reels;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dz.zst.domain.reels.ReelCommands.ChangeReelCaptionCommand;
import dz.zst.domain.reels.ReelCommands.DeleteReelCommand;
import dz.zst.domain.reels.ReelCommands.PublishReelCommand;
import dz.zst.domain.reels.ReelEvents.ReelCaptionChangedEvent;
import dz.zst.domain.reels.ReelEvents.ReelDeletedEvent;
import dz.zst.domain.reels.ReelEvents.ReelPublishedEvent;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.UserId;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A short video promoting one product, owned by that product's seller. Its likes, comments and
 * views are aggregates of their own ({@link ReelLike}, {@link ReelComment}, {@link ReelViewer}):
 * a viral reel takes thousands of them a second, and none of them needs to wait for another.
 */
@Aggregate
public class Reel {

    static final int MAX_CAPTION = 500;

    @AggregateIdentifier
    private ReelId id;
    private UserId sellerId;
    private String caption;

    protected Reel() {
    }

    @CommandHandler
    public Reel(PublishReelCommand command) {
        Actor actor = command.actor();
        if (actor == null || !actor.isSeller() || !actor.is(command.productSellerId())) {
            throw new ForbiddenException("Only the product's seller can publish a reel for it");
        }
        Objects.requireNonNull(command.video(), "video");
        apply(new ReelPublishedEvent(command.reelId(), command.productId(), actor.userId(), command.video(),
                caption(command.caption())));
    }

    @CommandHandler
    public void handle(ChangeReelCaptionCommand command) {
        if (command.actor() == null || !command.actor().is(sellerId)) {
            throw new ForbiddenException("Only the reel's seller can change its caption");
        }
        String changed = caption(command.caption());
        if (!Objects.equals(changed, caption)) {
            apply(new ReelCaptionChangedEvent(id, changed));
        }
    }

    @CommandHandler
    public void handle(DeleteReelCommand command) {
        Actor actor = command.actor();
        if (actor == null || !(actor.is(sellerId) || actor.isAdmin())) {
            throw new ForbiddenException("Only the reel's seller or an admin can delete it");
        }
        apply(new ReelDeletedEvent(id, actor.userId()));
    }

    /** A caption is trimmed; blank means none. */
    private static String caption(String caption) {
        if (caption == null || caption.isBlank()) {
            return null;
        }
        String trimmed = caption.strip();
        if (trimmed.length() > MAX_CAPTION) {
            throw new IllegalArgumentException("caption must be shorter than or equal to " + MAX_CAPTION + " characters");
        }
        return trimmed;
    }

    @EventSourcingHandler
    void on(ReelPublishedEvent event) {
        id = event.reelId();
        sellerId = event.sellerId();
        caption = event.caption();
    }

    @EventSourcingHandler
    void on(ReelCaptionChangedEvent event) {
        caption = event.caption();
    }

    @EventSourcingHandler
    void on(ReelDeletedEvent event) {
        markDeleted();
    }
}
