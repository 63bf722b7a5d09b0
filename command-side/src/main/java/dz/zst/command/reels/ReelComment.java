package dz.zst.command.reels;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dz.zst.domain.reels.ReelCommands.DeleteReelCommentCommand;
import dz.zst.domain.reels.ReelCommands.EditReelCommentCommand;
import dz.zst.domain.reels.ReelCommands.PostReelCommentCommand;
import dz.zst.domain.reels.ReelCommentId;
import dz.zst.domain.reels.ReelEvents.ReelCommentDeletedEvent;
import dz.zst.domain.reels.ReelEvents.ReelCommentEditedEvent;
import dz.zst.domain.reels.ReelEvents.ReelCommentPostedEvent;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A comment under a reel: its author edits it; the author, the reel's seller or an admin deletes it. */
@Aggregate
public class ReelComment {

    static final int MAX_CONTENT = 500;

    @AggregateIdentifier
    private ReelCommentId id;
    private ReelId reelId;
    private UserId authorId;
    private UserId reelSellerId;
    private String content;

    protected ReelComment() {
    }

    @CommandHandler
    public ReelComment(PostReelCommentCommand command) {
        if (command.author() == null) {
            throw new ForbiddenException("Sign in to comment");
        }
        apply(new ReelCommentPostedEvent(command.commentId(), command.reelId(), command.reelSellerId(),
                command.author().userId(), content(command.content())));
    }

    @CommandHandler
    public void handle(EditReelCommentCommand command) {
        if (command.actor() == null || !command.actor().is(authorId)) {
            throw new ForbiddenException("Only the comment's author can edit it");
        }
        String changed = content(command.content());
        if (!changed.equals(content)) {
            apply(new ReelCommentEditedEvent(id, reelId, changed));
        }
    }

    @CommandHandler
    public void handle(DeleteReelCommentCommand command) {
        Actor actor = command.actor();
        if (actor == null || !(actor.is(authorId) || actor.is(reelSellerId) || actor.isAdmin())) {
            throw new ForbiddenException("Only the comment's author, the reel's seller or an admin can delete it");
        }
        apply(new ReelCommentDeletedEvent(id, reelId, actor.userId()));
    }

    private static String content(String content) {
        String trimmed = content == null ? "" : content.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("content should not be empty");
        }
        if (trimmed.length() > MAX_CONTENT) {
            throw new IllegalArgumentException("content must be shorter than or equal to " + MAX_CONTENT + " characters");
        }
        return trimmed;
    }

    @EventSourcingHandler
    void on(ReelCommentPostedEvent event) {
        id = event.commentId();
        reelId = event.reelId();
        reelSellerId = event.reelSellerId();
        authorId = event.authorId();
        content = event.content();
    }

    @EventSourcingHandler
    void on(ReelCommentEditedEvent event) {
        content = event.content();
    }

    @EventSourcingHandler
    void on(ReelCommentDeletedEvent event) {
        markDeleted();
    }
}
