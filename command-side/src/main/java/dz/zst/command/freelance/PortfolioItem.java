package dz.zst.command.freelance;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dz.zst.domain.freelance.FreelanceCommands.AddPortfolioItemCommand;
import dz.zst.domain.freelance.FreelanceCommands.ChangePortfolioThumbnailCommand;
import dz.zst.domain.freelance.FreelanceCommands.RemovePortfolioItemCommand;
import dz.zst.domain.freelance.FreelanceEvents.PortfolioItemAddedEvent;
import dz.zst.domain.freelance.FreelanceEvents.PortfolioItemRemovedEvent;
import dz.zst.domain.freelance.FreelanceEvents.PortfolioThumbnailChangedEvent;
import dz.zst.domain.freelance.PortfolioItemId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One piece of a freelancer's portfolio (API.md §10): an image or a video it shows its work with. */
@Aggregate
public class PortfolioItem {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_DISPLAY_ORDER = 10_000;

    @AggregateIdentifier
    private PortfolioItemId id;
    private UserId freelancerId;

    protected PortfolioItem() {
    }

    @CommandHandler
    public PortfolioItem(AddPortfolioItemCommand command) {
        Actor actor = command.actor();
        if (actor == null || actor.role() != Role.FREELANCER) {
            throw new ForbiddenException("Only freelancers have a portfolio");
        }
        if (command.type() == null) {
            throw new IllegalArgumentException("type must be one of image, video");
        }
        if (command.title() != null && command.title().length() > MAX_TITLE) {
            throw new IllegalArgumentException("title must be at most " + MAX_TITLE + " characters");
        }
        if (command.description() != null && command.description().length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        if (command.displayOrder() < 0 || command.displayOrder() > MAX_DISPLAY_ORDER) {
            throw new IllegalArgumentException("display_order must be between 0 and " + MAX_DISPLAY_ORDER);
        }
        apply(new PortfolioItemAddedEvent(command.itemId(), actor.userId(), command.type(), command.mediaUrl(),
                command.thumbnailUrl(), command.title(), command.description(), command.serviceId(),
                command.displayOrder()));
    }

    @CommandHandler
    public void handle(ChangePortfolioThumbnailCommand command) {
        if (command.actor() == null || !command.actor().is(freelancerId)) {
            throw new ForbiddenException("Only the item's freelancer can change its thumbnail");
        }
        apply(new PortfolioThumbnailChangedEvent(id, command.thumbnailUrl()));
    }

    @CommandHandler
    public void handle(RemovePortfolioItemCommand command) {
        Actor actor = command.actor();
        if (actor == null || !(actor.isAdmin() || actor.is(freelancerId))) {
            throw new ForbiddenException("Only the item's freelancer or an admin can remove it");
        }
        apply(new PortfolioItemRemovedEvent(id));
    }

    @EventSourcingHandler
    void on(PortfolioItemAddedEvent event) {
        id = event.itemId();
        freelancerId = event.freelancerId();
    }

    @EventSourcingHandler
    void on(PortfolioItemRemovedEvent event) {
        markDeleted();
    }

    @Override
    public String toString() {
        return "PortfolioItem[" + Objects.toString(id) + "]";
    }
}
