package dz.zst.domain.freelance;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;

/**
 * Queries over the freelance read model. Services and portfolios are public; an order exists only
 * for its two parties and admins (anyone else: NotFoundException, 404).
 */
public final class FreelanceQueries {
    private FreelanceQueries() {
    }

    /** {@code POPULAR} orders by how many orders a service has taken. */
    public enum ServiceSort { CREATED_AT, PRICE, RATING, POPULAR }

    /** @param minPrice, maxPrice bounds on the basic tier's price */
    public record ServiceFilter(ServiceCategory category, String search, BigDecimal minPrice, BigDecimal maxPrice,
                                UserId freelancerId, ServiceSort sortBy, boolean ascending) {
    }

    /** Answers a ServiceView; NotFoundException when unknown or deleted. */
    public record FindServiceQuery(ServiceId serviceId) {
    }

    public record FindServiceBySlugQuery(String slug) {
    }

    /** Answers a ServicePage. */
    public record ListServicesQuery(ServiceFilter filter, PageRequest page) {
    }

    /** The service's reviews, newest first. Answers a ServiceReviewPage. */
    public record ListServiceReviewsQuery(ServiceId serviceId, PageRequest page) {
    }

    /** Answers a FreelanceOrderView for its client, its freelancer or an admin. */
    public record FindFreelanceOrderQuery(FreelanceOrderId orderId, Actor viewer) {
    }

    /** @param status null for every status. Answers a FreelanceOrderPage, newest first. */
    public record ListClientFreelanceOrdersQuery(UserId clientId, FreelanceOrderStatus status, PageRequest page) {
    }

    public record ListFreelancerOrdersQuery(UserId freelancerId, FreelanceOrderStatus status, PageRequest page) {
    }

    /** A freelancer's portfolio in display order. Answers PortfolioItems. */
    public record ListPortfolioQuery(UserId freelancerId) {
    }

    /** Answers a PortfolioItemView; NotFoundException when unknown or removed. */
    public record FindPortfolioItemQuery(PortfolioItemId itemId) {
    }
}
