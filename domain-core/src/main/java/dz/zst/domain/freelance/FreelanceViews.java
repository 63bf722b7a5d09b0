package dz.zst.domain.freelance;

import dz.zst.domain.shared.PagedResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What the freelance routes answer (API.md §10); field names go out in snake_case. */
public final class FreelanceViews {
    private FreelanceViews() {
    }

    /** What anyone may see of a freelancer. */
    public record FreelancerView(String id, String fullName, String avatarUrl, String bio, String wilaya,
                                 boolean isVerified) {
    }

    /** A service; a tier it does not sell has its three fields null. */
    public record ServiceView(String id, String slug, String freelancerId, FreelancerView freelancer, String title,
                              String description, ServiceCategory category, List<String> tags,
                              BigDecimal priceBasic, String basicDescription, Integer basicDeliveryDays,
                              BigDecimal priceStandard, String standardDescription, Integer standardDeliveryDays,
                              BigDecimal pricePremium, String premiumDescription, Integer premiumDeliveryDays,
                              String coverImageUrl, String coverThumbnailUrl, String videoUrl, BigDecimal rating,
                              int reviewsCount, int ordersCount, Instant createdAt, Instant updatedAt) {
    }

    /** The service as an order shows it: as it was when ordered. */
    public record OrderedService(String id, String title, String slug) {
    }

    public record FreelanceOrderView(String id, String serviceId, String freelancerId, String clientId,
                                     PricingTier pricingTier, BigDecimal amount, FreelanceOrderStatus status,
                                     String requirements, String freelancerNotes, Instant dueDate,
                                     Instant deliveredAt, Instant completedAt, List<DeliveryFile> deliveryFiles,
                                     String deliveryMessage, String revisionReason, String cancellationReason,
                                     Integer rating, String review, OrderedService service, Instant createdAt,
                                     Instant updatedAt) {
    }

    /** A client's review of a completed order, as listed on the service. */
    public record ServiceReviewView(String id, String orderId, String serviceId, Reviewer client, int rating,
                                    String review, Instant createdAt) {
    }

    public record Reviewer(String id, String fullName, String avatarUrl) {
    }

    public record PortfolioItemView(String id, String freelancerId, PortfolioMediaType type, String mediaUrl,
                                    String thumbnailUrl, String title, String description, String serviceId,
                                    int displayOrder, Instant createdAt) {
    }

    /** Concrete page and list types: query response types must be reifiable for the query bus. */
    public record ServicePage(PagedResult<ServiceView> page) {
    }

    public record FreelanceOrderPage(PagedResult<FreelanceOrderView> page) {
    }

    public record ServiceReviewPage(PagedResult<ServiceReviewView> page) {
    }

    public record PortfolioItems(List<PortfolioItemView> items) {
    }
}
