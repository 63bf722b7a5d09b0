package dz.zst.domain.freelance;

import dz.zst.domain.freelance.FreelanceOrderStatus.Party;
import dz.zst.domain.shared.Actor;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the freelance marketplace (API.md §10): a freelancer's services and portfolio, and the
 * orders clients place on services. Each carries its actor; the order's carry the instant they are
 * decided at ({@code at}, from the platform's clock), since due dates and delivery times derive from it.
 */
public final class FreelanceCommands {
    private FreelanceCommands() {
    }

    public record CreateServiceCommand(ServiceId serviceId, Actor actor, ServiceDetails details) {
    }

    public record UpdateServiceCommand(@TargetAggregateIdentifier ServiceId serviceId, Actor actor,
                                       ServicePatch patch) {
    }

    public record DeleteServiceCommand(@TargetAggregateIdentifier ServiceId serviceId, Actor actor) {
    }

    /** @param thumbnailUrl null when the cover came through a presigned upload (no thumbnail made) */
    public record ChangeServiceCoverCommand(@TargetAggregateIdentifier ServiceId serviceId, Actor actor,
                                            String coverUrl, String thumbnailUrl) {
    }

    public record ChangeServiceVideoCommand(@TargetAggregateIdentifier ServiceId serviceId, Actor actor,
                                            String videoUrl) {
    }

    /** A client orders a service in one of its tiers; the tier's price and delivery days are taken as they are now. */
    public record PlaceFreelanceOrderCommand(FreelanceOrderId orderId, ServiceId serviceId, Actor client,
                                             PricingTier tier, String requirements, Instant at) {
    }

    /**
     * A party moves its order (API.md §10).
     *
     * @param party the side the route is for; the actor must be that side of this order
     * @param note  the freelancer's notes, or the client's reason (a revision request's, a cancel's)
     */
    public record MoveFreelanceOrderCommand(@TargetAggregateIdentifier FreelanceOrderId orderId, Actor actor,
                                            Party party, FreelanceOrderStatus status, String note, Instant at) {
    }

    /** The freelancer hands in its work: files already stored, and a message. */
    public record DeliverFreelanceOrderCommand(@TargetAggregateIdentifier FreelanceOrderId orderId, Actor actor,
                                               List<DeliveryFile> files, String message, Instant at) {
        public DeliverFreelanceOrderCommand {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    public record ReviewFreelanceOrderCommand(@TargetAggregateIdentifier FreelanceOrderId orderId, Actor actor,
                                              int rating, String review) {
    }

    public record AddPortfolioItemCommand(PortfolioItemId itemId, Actor actor, PortfolioMediaType type,
                                          String mediaUrl, String thumbnailUrl, String title, String description,
                                          ServiceId serviceId, int displayOrder) {
    }

    public record ChangePortfolioThumbnailCommand(@TargetAggregateIdentifier PortfolioItemId itemId, Actor actor,
                                                  String thumbnailUrl) {
    }

    public record RemovePortfolioItemCommand(@TargetAggregateIdentifier PortfolioItemId itemId, Actor actor) {
    }
}
