package dz.zst.query.freelance;

import dz.zst.domain.freelance.FreelanceOrderId;
import dz.zst.domain.freelance.FreelanceOrderStatus;
import dz.zst.domain.freelance.FreelanceQueries.FindFreelanceOrderQuery;
import dz.zst.domain.freelance.FreelanceQueries.FindServiceBySlugQuery;
import dz.zst.domain.freelance.FreelanceQueries.FindServiceQuery;
import dz.zst.domain.freelance.FreelanceQueries.ListClientFreelanceOrdersQuery;
import dz.zst.domain.freelance.FreelanceQueries.ListFreelancerOrdersQuery;
import dz.zst.domain.freelance.FreelanceQueries.ListPortfolioQuery;
import dz.zst.domain.freelance.FreelanceQueries.ListServiceReviewsQuery;
import dz.zst.domain.freelance.FreelanceQueries.ListServicesQuery;
import dz.zst.domain.freelance.FreelanceQueries.ServiceFilter;
import dz.zst.domain.freelance.FreelanceQueries.ServiceSort;
import dz.zst.domain.freelance.FreelanceViews.FreelanceOrderPage;
import dz.zst.domain.freelance.FreelanceViews.FreelanceOrderView;
import dz.zst.domain.freelance.FreelanceViews.PortfolioItemView;
import dz.zst.domain.freelance.FreelanceViews.PortfolioItems;
import dz.zst.domain.freelance.FreelanceViews.ServicePage;
import dz.zst.domain.freelance.FreelanceViews.ServiceReviewPage;
import dz.zst.domain.freelance.FreelanceViews.ServiceReviewView;
import dz.zst.domain.freelance.FreelanceViews.ServiceView;
import dz.zst.domain.freelance.ServiceCategory;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import dz.zst.query.shared.Reads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Freelance reads (API.md §10): services, their reviews and their freelancers' portfolios for
 * everyone, guests included; orders for their two parties and admins.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Freelance")
public class FreelanceQueryController {

    private final Reads reads;

    public FreelanceQueryController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping("/freelance/services")
    @Operation(summary = "List services",
            description = "search folds case and accents over the title and tags; min_price and max_price bound the "
                    + "basic tier's price; sort_by created_at (default), price (basic), rating (the reviews' mean) or "
                    + "popular (orders_count); sort_order ASC|DESC (default DESC).")
    public PagedResult<ServiceView> services(@RequestParam(name = "page", defaultValue = "1") int page,
                                             @RequestParam(name = "limit", defaultValue = "20") int limit,
                                             @RequestParam(name = "category", required = false) String category,
                                             @RequestParam(name = "search", required = false) String search,
                                             @RequestParam(name = "min_price", required = false) BigDecimal minPrice,
                                             @RequestParam(name = "max_price", required = false) BigDecimal maxPrice,
                                             @RequestParam(name = "freelancer_id", required = false) String freelancerId,
                                             @RequestParam(name = "sort_by", defaultValue = "created_at") String sortBy,
                                             @RequestParam(name = "sort_order", defaultValue = "DESC") String sortOrder) {
        ServiceFilter filter = filter(category, search, minPrice, maxPrice,
                freelancerId == null ? null : new UserId(Ids.parseArgument(freelancerId, "freelancer_id")), sortBy, sortOrder);
        return reads.ask(new ListServicesQuery(filter, PageRequest.of(page, limit)), ServicePage.class).page();
    }

    @GetMapping("/freelance/services/{id}")
    @Operation(summary = "Get a service by id")
    public ServiceView service(@PathVariable("id") String id) {
        return reads.ask(new FindServiceQuery(ServiceId.of(id)), ServiceView.class);
    }

    @GetMapping("/freelance/services/slug/{slug}")
    @Operation(summary = "Get a service by slug")
    public ServiceView serviceBySlug(@PathVariable("slug") String slug) {
        return reads.ask(new FindServiceBySlugQuery(slug), ServiceView.class);
    }

    @GetMapping("/freelance/services/{id}/reviews")
    @Operation(summary = "A service's reviews, newest first; paged")
    public PagedResult<ServiceReviewView> reviews(@PathVariable("id") String id,
                                                  @RequestParam(name = "page", defaultValue = "1") int page,
                                                  @RequestParam(name = "limit", defaultValue = "20") int limit) {
        return reads.ask(new ListServiceReviewsQuery(ServiceId.of(id), PageRequest.of(page, limit)),
                ServiceReviewPage.class).page();
    }

    @GetMapping("/freelance/services/freelancer/{freelancerId}/portfolio")
    @Operation(summary = "A freelancer's portfolio, in display order")
    public List<PortfolioItemView> publicPortfolio(@PathVariable("freelancerId") String freelancerId) {
        return reads.ask(new ListPortfolioQuery(UserId.of(freelancerId)), PortfolioItems.class)
                .items();
    }

    @GetMapping("/freelancer/services")
    @Operation(summary = "Your own services (freelancers); paged, newest first")
    public PagedResult<ServiceView> ownServices(@AuthenticationPrincipal Actor actor,
                                                @RequestParam(name = "page", defaultValue = "1") int page,
                                                @RequestParam(name = "limit", defaultValue = "20") int limit) {
        ServiceFilter filter = filter(null, null, null, null, freelancer(actor).userId(), "created_at", "DESC");
        return reads.ask(new ListServicesQuery(filter, PageRequest.of(page, limit)), ServicePage.class).page();
    }

    @GetMapping("/freelancer/portfolio")
    @Operation(summary = "Your own portfolio (freelancers), in display order")
    public List<PortfolioItemView> ownPortfolio(@AuthenticationPrincipal Actor actor) {
        return reads.ask(new ListPortfolioQuery(freelancer(actor).userId()), PortfolioItems.class).items();
    }

    @GetMapping("/freelance/orders/my-orders")
    @Operation(summary = "The orders you placed as a client, newest first; paged, status filter")
    public PagedResult<FreelanceOrderView> myOrders(@AuthenticationPrincipal Actor actor,
                                                    @RequestParam(name = "status", required = false) String status,
                                                    @RequestParam(name = "page", defaultValue = "1") int page,
                                                    @RequestParam(name = "limit", defaultValue = "20") int limit) {
        return reads.ask(new ListClientFreelanceOrdersQuery(actor.userId(), status(status),
                PageRequest.of(page, limit)), FreelanceOrderPage.class).page();
    }

    @GetMapping("/freelancer/orders")
    @Operation(summary = "The orders of your services (freelancers), newest first; paged, status filter")
    public PagedResult<FreelanceOrderView> freelancerOrders(@AuthenticationPrincipal Actor actor,
                                                            @RequestParam(name = "status", required = false)
                                                            String status,
                                                            @RequestParam(name = "page", defaultValue = "1") int page,
                                                            @RequestParam(name = "limit", defaultValue = "20")
                                                            int limit) {
        return reads.ask(new ListFreelancerOrdersQuery(freelancer(actor).userId(), status(status),
                PageRequest.of(page, limit)), FreelanceOrderPage.class).page();
    }

    @GetMapping("/freelance/orders/{id}")
    @Operation(summary = "One order, for its client, its freelancer and admins (anyone else 404)")
    public FreelanceOrderView order(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        return reads.ask(new FindFreelanceOrderQuery(FreelanceOrderId.of(id), actor), FreelanceOrderView.class);
    }

    private static Actor freelancer(Actor actor) {
        if (actor.role() != Role.FREELANCER) {
            throw new ForbiddenException("Only freelancers have services, portfolios and orders to deliver");
        }
        return actor;
    }

    private static FreelanceOrderStatus status(String status) {
        return status == null || status.isBlank() ? null : FreelanceOrderStatus.fromWire(status);
    }

    private static ServiceFilter filter(String category, String search, BigDecimal minPrice, BigDecimal maxPrice,
                                        UserId freelancerId, String sortBy, String sortOrder) {
        if (search != null && search.length() > 200) {
            throw new IllegalArgumentException("search must be at most 200 characters");
        }
        if (minPrice != null && minPrice.signum() < 0 || maxPrice != null && maxPrice.signum() < 0) {
            throw new IllegalArgumentException("min_price and max_price must not be less than 0");
        }
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw new IllegalArgumentException("min_price must not be greater than max_price");
        }
        boolean ascending = switch (sortOrder.toUpperCase(Locale.ROOT)) {
            case "ASC" -> true;
            case "DESC" -> false;
            default -> throw new IllegalArgumentException("sort_order must be one of ASC, DESC");
        };
        ServiceSort sort = null;
        for (ServiceSort candidate : ServiceSort.values()) {
            if (candidate.name().equalsIgnoreCase(sortBy)) {
                sort = candidate;
            }
        }
        if (sort == null) {
            throw new IllegalArgumentException("sort_by must be one of created_at, price, rating, popular");
        }
        return new ServiceFilter(category == null ? null : ServiceCategory.fromWire(category),
                search == null || search.isBlank() ? null : search.strip(), minPrice, maxPrice, freelancerId, sort,
                ascending);
    }
}
