package dz.zst.query.b2b;

import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BOfferView;
import dz.zst.domain.b2b.B2BQueries.FindB2BOfferQuery;
import dz.zst.domain.b2b.B2BQueries.FindB2BResponseQuery;
import dz.zst.domain.b2b.B2BQueries.ListB2BOfferResponsesQuery;
import dz.zst.domain.b2b.B2BQueries.ListB2BOffersQuery;
import dz.zst.domain.b2b.B2BQueries.ListMyB2BOffersQuery;
import dz.zst.domain.b2b.B2BQueries.ListMyB2BResponsesQuery;
import dz.zst.domain.b2b.B2BQueries.OfferPage;
import dz.zst.domain.b2b.B2BQueries.ResponsePage;
import dz.zst.domain.b2b.B2BResponseView;
import dz.zst.domain.b2b.OfferStatus;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * B2B offer queries over the read model, with the visibility of API.md §3 inside every statement:
 * a seller sees the active offers targeted at its own tier and its own offers in any status, an
 * admin every offer. An offer the caller may not see is missing, exactly like one that does not
 * exist (404), so ids can't be probed. The lists belong to sellers: anyone else is refused (403)
 * rather than handed an empty page that reads as "no offers yet".
 */
@Component
public class B2BQueryHandler {

    private final JdbcClient jdbc;

    public B2BQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public OfferPage list(ListB2BOffersQuery query) {
        Actor viewer = sellerOrAdmin(query.viewer(), "Only sellers see B2B offers");
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(visibility(viewer, params));
        where.append(" AND o.status = :status");
        params.put("status", (query.status() == null ? OfferStatus.ACTIVE : query.status()).wire());
        if (query.offerType() != null) {
            where.append(" AND o.offer_type = :offerType");
            params.put("offerType", query.offerType().wire());
        }
        if (query.targetCategory() != null) {
            where.append(" AND o.target_category = :target");
            params.put("target", query.targetCategory().wire());
        }
        return new OfferPage(offers(where.toString(), params, query.page()));
    }

    @QueryHandler
    public OfferPage mine(ListMyB2BOffersQuery query) {
        Actor seller = sellerOrAdmin(query.seller(), "Only sellers have B2B offers");
        Map<String, Object> params = new HashMap<>();
        params.put("me", seller.userId().value());
        String where = "o.seller_id = :me";
        if (query.status() != null) {
            where += " AND o.status = :status";
            params.put("status", query.status().wire());
        }
        return new OfferPage(offers(where, params, query.page()));
    }

    @QueryHandler
    public B2BOfferView find(FindB2BOfferQuery query) {
        return visibleOffer(query.offerId(), query.viewer());
    }

    @QueryHandler
    public ResponsePage myResponses(ListMyB2BResponsesQuery query) {
        Actor buyer = sellerOrAdmin(query.buyer(), "Only sellers respond to B2B offers");
        return new ResponsePage(responses("r.buyer_id = :me", Map.of("me", buyer.userId().value()), query.page()));
    }

    /**
     * The owner and admins see every response; a seller its own, on an offer it may see or has
     * responded to (a bidder keeps seeing its bids once the auction is sold). Anyone else: 404.
     */
    @QueryHandler
    public ResponsePage responses(ListB2BOfferResponsesQuery query) {
        Actor viewer = query.viewer();
        UUID offerId = query.offerId().value();
        UUID owner = jdbc.sql("SELECT seller_id FROM b2b_offers WHERE id = ?").param(offerId).query(UUID.class)
                .optional().orElseThrow(() -> notFound(query.offerId()));
        if (viewer != null && (viewer.isAdmin() || viewer.userId().value().equals(owner))) {
            return new ResponsePage(responses("r.offer_id = :offer", Map.of("offer", offerId), query.page()));
        }
        if (viewer == null || !viewer.isSeller()) {
            throw notFound(query.offerId());
        }
        Map<String, Object> params = Map.of("offer", offerId, "me", viewer.userId().value());
        boolean responded = jdbc.sql("SELECT EXISTS (SELECT 1 FROM b2b_responses WHERE offer_id = :offer "
                + "AND buyer_id = :me)").params(params).query(Boolean.class).single();
        if (!responded && !canSee(query.offerId(), viewer)) {
            throw notFound(query.offerId());
        }
        return new ResponsePage(responses("r.offer_id = :offer AND r.buyer_id = :me", params, query.page()));
    }

    /** For its buyer, its offer's owner or an admin; anyone else: 404. */
    @QueryHandler
    public B2BResponseView response(FindB2BResponseQuery query) {
        Actor viewer = query.viewer();
        NotFoundException missing = new NotFoundException("B2B response " + query.responseId() + " not found");
        if (viewer == null) {
            throw missing;
        }
        return jdbc.sql("SELECT " + B2BRows.RESPONSE_COLUMNS + B2BRows.RESPONSES
                        + "JOIN b2b_offers o ON o.id = r.offer_id WHERE r.id = :id "
                        + "AND (:admin OR r.buyer_id = :me OR o.seller_id = :me)")
                .param("id", query.responseId().value())
                .param("admin", viewer.isAdmin())
                .param("me", viewer.userId().value())
                .query(B2BRows.RESPONSE).optional().orElseThrow(() -> missing);
    }

    private B2BOfferView visibleOffer(B2BOfferId offerId, Actor viewer) {
        if (viewer == null || !(viewer.isAdmin() || viewer.isSeller())) {
            throw notFound(offerId);
        }
        Map<String, Object> params = new HashMap<>();
        String where = visibility(viewer, params) + " AND o.id = :id";
        params.put("id", offerId.value());
        return jdbc.sql("SELECT " + B2BRows.OFFER_COLUMNS + B2BRows.OFFERS + "WHERE " + where).params(params)
                .query(B2BRows.OFFER).optional().orElseThrow(() -> notFound(offerId));
    }

    private boolean canSee(B2BOfferId offerId, Actor viewer) {
        Map<String, Object> params = new HashMap<>();
        String where = visibility(viewer, params) + " AND o.id = :id";
        params.put("id", offerId.value());
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM b2b_offers o WHERE " + where + ")").params(params)
                .query(Boolean.class).single();
    }

    /** API.md §3, for an admin or a seller (the only callers who see any offer), plus what it responded to. */
    private static String visibility(Actor viewer, Map<String, Object> params) {
        if (viewer.isAdmin()) {
            return "TRUE";
        }
        params.put("me", viewer.userId().value());
        params.put("tier", viewer.sellerCategory().wire());
        params.put("active", OfferStatus.ACTIVE.wire());
        // Beyond §3's two: an offer the seller responded to stays visible to it in every status, so a
        // bidder can open the auction it won (or lost) once it is sold.
        return "((o.status = :active AND o.target_category = :tier) OR o.seller_id = :me"
                + " OR EXISTS (SELECT 1 FROM b2b_responses mine WHERE mine.offer_id = o.id AND mine.buyer_id = :me))";
    }

    private static Actor sellerOrAdmin(Actor actor, String refusal) {
        if (actor == null || !(actor.isAdmin() || actor.isSeller())) {
            throw new ForbiddenException(refusal);
        }
        return actor;
    }

    private PagedResult<B2BOfferView> offers(String where, Map<String, Object> params, PageRequest page) {
        return page(B2BRows.OFFER_COLUMNS, B2BRows.OFFERS, "o", where, params, B2BRows.OFFER, page);
    }

    private PagedResult<B2BResponseView> responses(String where, Map<String, Object> params, PageRequest page) {
        return page(B2BRows.RESPONSE_COLUMNS, B2BRows.RESPONSES, "r", where, params, B2BRows.RESPONSE, page);
    }

    /** Newest first; a page past the end costs only the count. */
    private <T> PagedResult<T> page(String columns, String from, String alias, String where,
                                    Map<String, Object> params, RowMapper<T> rows, PageRequest page) {
        long total = jdbc.sql("SELECT count(*)" + from + "WHERE " + where).params(params).query(Long.class).single();
        List<T> data = page.offset() >= total ? List.of()
                : jdbc.sql("SELECT " + columns + from + "WHERE " + where + " ORDER BY " + alias + ".created_at DESC, "
                                + alias + ".id LIMIT :limit OFFSET :offset")
                        .params(params).param("limit", page.limit()).param("offset", page.offset())
                        .query(rows).list();
        return PagedResult.of(data, page, total);
    }

    static NotFoundException notFound(B2BOfferId offerId) {
        return new NotFoundException("B2B offer " + offerId + " not found");
    }
}
