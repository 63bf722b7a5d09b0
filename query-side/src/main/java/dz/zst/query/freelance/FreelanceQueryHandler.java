package dz.zst.query.freelance;

import dz.zst.domain.freelance.FreelanceOrderStatus;
import dz.zst.domain.freelance.FreelanceQueries.FindFreelanceOrderQuery;
import dz.zst.domain.freelance.FreelanceQueries.FindPortfolioItemQuery;
import dz.zst.domain.freelance.FreelanceQueries.FindServiceBySlugQuery;
import dz.zst.domain.freelance.FreelanceQueries.FindServiceQuery;
import dz.zst.domain.freelance.FreelanceQueries.ListClientFreelanceOrdersQuery;
import dz.zst.domain.freelance.FreelanceQueries.ListFreelancerOrdersQuery;
import dz.zst.domain.freelance.FreelanceQueries.ListPortfolioQuery;
import dz.zst.domain.freelance.FreelanceQueries.ListServiceReviewsQuery;
import dz.zst.domain.freelance.FreelanceQueries.ListServicesQuery;
import dz.zst.domain.freelance.FreelanceQueries.ServiceFilter;
import dz.zst.domain.freelance.FreelanceViews.FreelanceOrderPage;
import dz.zst.domain.freelance.FreelanceViews.FreelanceOrderView;
import dz.zst.domain.freelance.FreelanceViews.PortfolioItemView;
import dz.zst.domain.freelance.FreelanceViews.PortfolioItems;
import dz.zst.domain.freelance.FreelanceViews.ServicePage;
import dz.zst.domain.freelance.FreelanceViews.ServiceReviewPage;
import dz.zst.domain.freelance.FreelanceViews.ServiceReviewView;
import dz.zst.domain.freelance.FreelanceViews.ServiceView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.domain.shared.Slugs;
import dz.zst.domain.shared.UserId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Freelance queries over the read model (API.md §10). Services and portfolios are public, deleted
 * ones gone; an order exists only for its client, its freelancer and admins (404 to anyone else,
 * so ids can't be probed).
 */
@Component
public class FreelanceQueryHandler {

    private final JdbcClient jdbc;

    public FreelanceQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public ServiceView find(FindServiceQuery query) {
        return service("s.id = :key", query.serviceId().value());
    }

    @QueryHandler
    public ServiceView findBySlug(FindServiceBySlugQuery query) {
        return service("s.slug = :key", query.slug());
    }

    @QueryHandler
    public ServicePage list(ListServicesQuery query) {
        ServiceFilter f = query.filter();
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" WHERE NOT s.deleted");
        if (f.category() != null) {
            where.append(" AND s.category = :category");
            params.put("category", f.category().wire());
        }
        if (f.search() != null) {
            where.append(" AND s.search_text LIKE :search ESCAPE '\\'");
            params.put("search", "%" + escapeLike(Slugs.fold(f.search().strip())) + "%");
        }
        if (f.minPrice() != null) {
            where.append(" AND s.price_basic >= :minPrice");
            params.put("minPrice", f.minPrice());
        }
        if (f.maxPrice() != null) {
            where.append(" AND s.price_basic <= :maxPrice");
            params.put("maxPrice", f.maxPrice());
        }
        if (f.freelancerId() != null) {
            where.append(" AND s.freelancer_id = :freelancer");
            params.put("freelancer", f.freelancerId().value());
        }
        PageRequest page = query.page();
        long total = jdbc.sql("SELECT count(*) FROM freelance_services s" + where).params(params)
                .query(Long.class).single();
        List<ServiceView> rows = total <= page.offset() ? List.of()
                : jdbc.sql("SELECT " + FreelanceRows.SERVICE_COLUMNS + FreelanceRows.SERVICES_FROM + where
                        + orderBy(f) + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", page.limit()).param("offset", page.offset())
                .query(FreelanceRows.SERVICES).list();
        return new ServicePage(PagedResult.of(rows, page, total));
    }

    @QueryHandler
    public ServiceReviewPage reviews(ListServiceReviewsQuery query) {
        service("s.id = :key", query.serviceId().value());
        PageRequest page = query.page();
        long total = jdbc.sql("SELECT count(*) FROM freelance_orders WHERE service_id = :id AND rating IS NOT NULL")
                .param("id", query.serviceId().value()).query(Long.class).single();
        List<ServiceReviewView> rows = total <= page.offset() ? List.of() : jdbc.sql("""
                        SELECT o.id, o.service_id, o.client_id, o.rating, o.review, o.reviewed_at, u.full_name,
                               u.avatar_url
                        FROM freelance_orders o LEFT JOIN users u ON u.id = o.client_id
                        WHERE o.service_id = :id AND o.rating IS NOT NULL
                        ORDER BY o.reviewed_at DESC, o.id DESC LIMIT :limit OFFSET :offset""")
                .param("id", query.serviceId().value()).param("limit", page.limit()).param("offset", page.offset())
                .query(FreelanceRows.REVIEWS).list();
        return new ServiceReviewPage(PagedResult.of(rows, page, total));
    }

    @QueryHandler
    public FreelanceOrderView order(FindFreelanceOrderQuery query) {
        Actor viewer = query.viewer();
        FreelanceOrderView order = jdbc.sql("SELECT *" + FreelanceRows.ORDERS_FROM + " WHERE o.id = :id")
                .param("id", query.orderId().value()).query(FreelanceRows.ORDERS).optional()
                .orElseThrow(FreelanceQueryHandler::orderNotFound);
        if (viewer == null || !(viewer.isAdmin() || viewer.is(UserId.of(order.clientId()))
                || viewer.is(UserId.of(order.freelancerId())))) {
            throw orderNotFound();
        }
        return order;
    }

    @QueryHandler
    public FreelanceOrderPage clientOrders(ListClientFreelanceOrdersQuery query) {
        return orders("o.client_id", query.clientId(), query.status(), query.page());
    }

    @QueryHandler
    public FreelanceOrderPage freelancerOrders(ListFreelancerOrdersQuery query) {
        return orders("o.freelancer_id", query.freelancerId(), query.status(), query.page());
    }

    @QueryHandler
    public PortfolioItems portfolio(ListPortfolioQuery query) {
        return new PortfolioItems(jdbc.sql("""
                        SELECT * FROM freelance_portfolio
                        WHERE freelancer_id = :freelancer AND NOT removed
                        ORDER BY display_order, created_at, id""")
                .param("freelancer", query.freelancerId().value()).query(FreelanceRows.PORTFOLIO).list());
    }

    @QueryHandler
    public PortfolioItemView portfolioItem(FindPortfolioItemQuery query) {
        return jdbc.sql("SELECT * FROM freelance_portfolio WHERE id = :id AND NOT removed")
                .param("id", query.itemId().value()).query(FreelanceRows.PORTFOLIO).optional()
                .orElseThrow(() -> new NotFoundException("Portfolio item not found"));
    }

    private ServiceView service(String condition, Object key) {
        return jdbc.sql("SELECT " + FreelanceRows.SERVICE_COLUMNS + FreelanceRows.SERVICES_FROM + " WHERE "
                        + condition + " AND NOT s.deleted LIMIT 1")
                .param("key", key).query(FreelanceRows.SERVICES).optional()
                .orElseThrow(() -> new NotFoundException("Service not found"));
    }

    private FreelanceOrderPage orders(String party, UserId userId, FreelanceOrderStatus status, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        params.put("user", userId.value());
        String where = " WHERE " + party + " = :user";
        if (status != null) {
            where += " AND o.status = :status";
            params.put("status", status.wire());
        }
        long total = jdbc.sql("SELECT count(*)" + FreelanceRows.ORDERS_FROM + where).params(params)
                .query(Long.class).single();
        List<FreelanceOrderView> rows = total <= page.offset() ? List.of()
                : jdbc.sql("SELECT *" + FreelanceRows.ORDERS_FROM + where
                        + " ORDER BY o.created_at DESC, o.id DESC LIMIT :limit OFFSET :offset")
                .params(params).param("limit", page.limit()).param("offset", page.offset())
                .query(FreelanceRows.ORDERS).list();
        return new FreelanceOrderPage(PagedResult.of(rows, page, total));
    }

    private static String orderBy(ServiceFilter f) {
        String column = switch (f.sortBy()) {
            case PRICE -> "s.price_basic";
            case RATING -> "COALESCE(st.rating_sum::numeric / NULLIF(st.reviews_count, 0), 0)";
            case POPULAR -> "COALESCE(st.orders_count, 0)";
            case CREATED_AT -> "s.created_at";
        };
        String direction = f.ascending() ? " ASC" : " DESC";
        return " ORDER BY " + column + direction + ", s.created_at" + direction + ", s.id" + direction;
    }

    private static String escapeLike(String folded) {
        return folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static NotFoundException orderNotFound() {
        return new NotFoundException("Freelance order not found");
    }
}
