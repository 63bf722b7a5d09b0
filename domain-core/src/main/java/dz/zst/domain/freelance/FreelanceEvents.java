package dz.zst.domain.freelance;

import dz.zst.domain.freelance.FreelanceOrderStatus.Party;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Events of the freelance marketplace's aggregates (Service, FreelanceOrder, PortfolioItem). Every
 * order event carries the order's parties and its service's title as ordered, which is all its
 * notifications and pushes need, so no projection looks anything up. Facts forever: change only
 * through upcasters.
 */
public final class FreelanceEvents {
    private FreelanceEvents() {
    }

    @Revision("1")
    public record ServiceCreatedEvent(ServiceId serviceId, UserId freelancerId, String slug, ServiceDetails details) {
    }

    @Revision("1")
    public record ServiceDetailsChangedEvent(ServiceId serviceId, ServiceDetails details) {
    }

    /** @param thumbnailUrl null for a cover uploaded straight to storage */
    @Revision("1")
    public record ServiceCoverChangedEvent(ServiceId serviceId, String coverUrl, String thumbnailUrl) {
    }

    @Revision("1")
    public record ServiceVideoChangedEvent(ServiceId serviceId, String videoUrl) {
    }

    @Revision("1")
    public record ServiceDeletedEvent(ServiceId serviceId) {
    }

    /** Who an order is between, and the service as it was ordered. */
    public record OrderParties(ServiceId serviceId, String serviceTitle, UserId clientId, UserId freelancerId) {
    }

    /** Every event of a FreelanceOrder: what a reader that follows any move of an order needs. */
    public sealed interface FreelanceOrderEvent {
        FreelanceOrderId orderId();

        OrderParties parties();
    }

    /** @param dueDate the instant of ordering plus the tier's delivery days */
    @Revision("1")
    public record FreelanceOrderPlacedEvent(FreelanceOrderId orderId, OrderParties parties, String serviceSlug,
                                            PricingTier tier, BigDecimal amount, int deliveryDays,
                                            String requirements, Instant dueDate) implements FreelanceOrderEvent {
    }

    @Revision("1")
    public record FreelanceOrderAcceptedEvent(FreelanceOrderId orderId, OrderParties parties, String freelancerNotes) implements FreelanceOrderEvent {
    }

    @Revision("1")
    public record FreelanceOrderStartedEvent(FreelanceOrderId orderId, OrderParties parties, String freelancerNotes) implements FreelanceOrderEvent {
    }

    @Revision("1")
    public record FreelanceOrderDeliveredEvent(FreelanceOrderId orderId, OrderParties parties,
                                               List<DeliveryFile> files, String message, Instant deliveredAt) implements FreelanceOrderEvent {
    }

    @Revision("1")
    public record FreelanceOrderRevisionRequestedEvent(FreelanceOrderId orderId, OrderParties parties, String reason) implements FreelanceOrderEvent {
    }

    @Revision("1")
    public record FreelanceOrderCompletedEvent(FreelanceOrderId orderId, OrderParties parties, Instant completedAt) implements FreelanceOrderEvent {
    }

    /** @param by which party cancelled (the other is told) */
    @Revision("1")
    public record FreelanceOrderCancelledEvent(FreelanceOrderId orderId, OrderParties parties, Party by,
                                               String reason) implements FreelanceOrderEvent {
    }

    @Revision("1")
    public record FreelanceOrderReviewedEvent(FreelanceOrderId orderId, OrderParties parties, int rating,
                                              String review) implements FreelanceOrderEvent {
    }

    @Revision("1")
    public record PortfolioItemAddedEvent(PortfolioItemId itemId, UserId freelancerId, PortfolioMediaType type,
                                          String mediaUrl, String thumbnailUrl, String title, String description,
                                          ServiceId serviceId, int displayOrder) {
    }

    @Revision("1")
    public record PortfolioThumbnailChangedEvent(PortfolioItemId itemId, String thumbnailUrl) {
    }

    @Revision("1")
    public record PortfolioItemRemovedEvent(PortfolioItemId itemId) {
    }
}
