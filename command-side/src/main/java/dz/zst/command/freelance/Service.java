package dz.zst.command.freelance;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dz.zst.domain.freelance.FreelanceCommands.ChangeServiceCoverCommand;
import dz.zst.domain.freelance.FreelanceCommands.ChangeServiceVideoCommand;
import dz.zst.domain.freelance.FreelanceCommands.CreateServiceCommand;
import dz.zst.domain.freelance.FreelanceCommands.DeleteServiceCommand;
import dz.zst.domain.freelance.FreelanceCommands.UpdateServiceCommand;
import dz.zst.domain.freelance.FreelanceEvents.ServiceCoverChangedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceCreatedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceDeletedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceDetailsChangedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceVideoChangedEvent;
import dz.zst.domain.freelance.PricingTier;
import dz.zst.domain.freelance.ServiceDetails;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.freelance.ServicePackage;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.Slugs;
import dz.zst.domain.shared.UserId;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A freelancer's service (API.md §10): its description and three pricing tiers. An order takes
 * its tier's price and delivery days from here as they are at the moment of ordering ({@link #quote}).
 */
@Aggregate
public class Service {

    @AggregateIdentifier
    private ServiceId id;
    private UserId freelancerId;
    private String slug;
    private ServiceDetails details;
    private String coverUrl;
    private String thumbnailUrl;
    private String videoUrl;

    protected Service() {
    }

    @CommandHandler
    public Service(CreateServiceCommand command) {
        Actor actor = command.actor();
        if (actor == null || actor.role() != Role.FREELANCER) {
            throw new ForbiddenException("Only freelancers can create services");
        }
        command.details().validate();
        apply(new ServiceCreatedEvent(command.serviceId(), actor.userId(), slugFor(command), command.details()));
    }

    @CommandHandler
    public void handle(UpdateServiceCommand command) {
        requireOwnerOrAdmin(command.actor());
        ServiceDetails changed = command.patch().applyTo(details);
        changed.validate();
        if (!changed.equals(details)) {
            apply(new ServiceDetailsChangedEvent(id, changed));
        }
    }

    @CommandHandler
    public void handle(ChangeServiceCoverCommand command) {
        requireOwnerOrAdmin(command.actor());
        if (!Objects.equals(command.coverUrl(), coverUrl) || !Objects.equals(command.thumbnailUrl(), thumbnailUrl)) {
            apply(new ServiceCoverChangedEvent(id, command.coverUrl(), command.thumbnailUrl()));
        }
    }

    @CommandHandler
    public void handle(ChangeServiceVideoCommand command) {
        requireOwnerOrAdmin(command.actor());
        if (!Objects.equals(command.videoUrl(), videoUrl)) {
            apply(new ServiceVideoChangedEvent(id, command.videoUrl()));
        }
    }

    @CommandHandler
    public void handle(DeleteServiceCommand command) {
        requireOwnerOrAdmin(command.actor());
        apply(new ServiceDeletedEvent(id));
    }

    /** What {@code client} would order in {@code tier} now; refused for the service's own freelancer and a tier it does not sell. */
    public Quote quote(Actor client, PricingTier tier) {
        if (client.is(freelancerId)) {
            throw new BusinessRuleViolationException("You cannot order your own service");
        }
        ServicePackage offered = details.tier(tier);
        if (offered == null) {
            throw new BusinessRuleViolationException("This service has no " + tier.wire() + " tier");
        }
        return new Quote(id, details.title(), slug, freelancerId, tier, offered);
    }

    /** A tier of a service as it is offered at one moment. */
    public record Quote(ServiceId serviceId, String title, String slug, UserId freelancerId, PricingTier tier,
                        ServicePackage offered) {
    }

    @EventSourcingHandler
    void on(ServiceCreatedEvent event) {
        id = event.serviceId();
        freelancerId = event.freelancerId();
        slug = event.slug();
        details = event.details();
    }

    @EventSourcingHandler
    void on(ServiceDetailsChangedEvent event) {
        details = event.details();
    }

    @EventSourcingHandler
    void on(ServiceCoverChangedEvent event) {
        coverUrl = event.coverUrl();
        thumbnailUrl = event.thumbnailUrl();
    }

    @EventSourcingHandler
    void on(ServiceVideoChangedEvent event) {
        videoUrl = event.videoUrl();
    }

    @EventSourcingHandler
    void on(ServiceDeletedEvent event) {
        markDeleted();
    }

    private void requireOwnerOrAdmin(Actor actor) {
        if (actor == null || !(actor.isAdmin() || actor.is(freelancerId))) {
            throw new ForbiddenException("Only the service's freelancer or an admin can change it");
        }
    }

    /** Unique as a product's: the title's kebab case and the start of the id. */
    private static String slugFor(CreateServiceCommand command) {
        return Slugs.kebab(command.details().title()) + "-" + command.serviceId().value().toString().substring(0, 8);
    }

    @Override
    public String toString() {
        return "Service[" + Objects.toString(id) + "]";
    }
}
