package dz.zst.projection.freelance;

import static dz.zst.projection.shared.EventColumns.position;
import static dz.zst.projection.shared.EventColumns.utc;

import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderAcceptedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderCancelledEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderCompletedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderDeliveredEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderPlacedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderReviewedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderRevisionRequestedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderStartedEvent;
import dz.zst.domain.freelance.FreelanceEvents.PortfolioItemAddedEvent;
import dz.zst.domain.freelance.FreelanceEvents.PortfolioItemRemovedEvent;
import dz.zst.domain.freelance.FreelanceEvents.PortfolioThumbnailChangedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceCoverChangedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceCreatedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceDeletedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceDetailsChangedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceVideoChangedEvent;
import dz.zst.domain.freelance.FreelanceOrderId;
import dz.zst.domain.freelance.FreelanceOrderStatus;
import dz.zst.domain.freelance.ServiceDetails;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.Slugs;
import dz.zst.projection.shared.JsonColumns;
import dz.zst.projection.shared.ReadModelGenerations;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The freelance read model: services, their figures, orders (with their reviews) and portfolios.
 * Every row write is guarded by the row's position, so a replayed or redelivered event changes
 * nothing it already folded; a service's figures move only when the order's own row says the event
 * is new (its insert, or its review's guarded update), in the same batch as that row, so a write
 * awaiting its order sees its service's figures too. Times come from the events.
 */
@Component
@ProcessingGroup("freelance")
public class FreelanceProjection {

    private final JdbcClient jdbc;
    private final ReadModelGenerations generations;

    public FreelanceProjection(JdbcClient jdbc, ReadModelGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @EventHandler
    void on(ServiceCreatedEvent event, @Timestamp Instant at, TrackingToken token) {
        ServiceDetails d = event.details();
        jdbc.sql("""
                INSERT INTO freelance_services (id, slug, freelancer_id, title, search_text, category, price_basic,
                                                details, created_at, updated_at, position)
                VALUES (:id, :slug, :freelancer, :title, :search, :category, :price, CAST(:details AS jsonb), :at, :at,
                        :position)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.serviceId().value())
                .param("slug", event.slug())
                .param("freelancer", event.freelancerId().value())
                .param("title", d.title())
                .param("search", searchText(d))
                .param("category", d.category().wire())
                .param("price", d.basic().price())
                .param("details", JsonColumns.write(d))
                .param("at", utc(at))
                .param("position", position(token))
                .update();
    }

    @EventHandler
    void on(ServiceDetailsChangedEvent event, @Timestamp Instant at, TrackingToken token) {
        ServiceDetails d = event.details();
        Map<String, Object> params = new HashMap<>();
        params.put("title", d.title());
        params.put("search", searchText(d));
        params.put("category", d.category().wire());
        params.put("price", d.basic().price());
        params.put("details", JsonColumns.write(d));
        updateService(event.serviceId(), at, token, """
                title = :title, search_text = :search, category = :category, price_basic = :price,
                details = CAST(:details AS jsonb)""", params);
    }

    @EventHandler
    void on(ServiceCoverChangedEvent event, @Timestamp Instant at, TrackingToken token) {
        Map<String, Object> params = new HashMap<>();
        params.put("cover", event.coverUrl());
        params.put("thumbnail", event.thumbnailUrl());
        updateService(event.serviceId(), at, token, "cover_image_url = :cover, cover_thumbnail_url = :thumbnail",
                params);
    }

    @EventHandler
    void on(ServiceVideoChangedEvent event, @Timestamp Instant at, TrackingToken token) {
        Map<String, Object> params = new HashMap<>();
        params.put("video", event.videoUrl());
        updateService(event.serviceId(), at, token, "video_url = :video", params);
    }

    @EventHandler
    void on(ServiceDeletedEvent event, @Timestamp Instant at, TrackingToken token) {
        updateService(event.serviceId(), at, token, "deleted = TRUE", Map.of());
    }

    @EventHandler
    void on(FreelanceOrderPlacedEvent event, @Timestamp Instant at, TrackingToken token) {
        int inserted = jdbc.sql("""
                INSERT INTO freelance_orders (id, service_id, service_title, service_slug, client_id, freelancer_id,
                                              pricing_tier, amount, status, requirements, due_date, created_at,
                                              updated_at, position)
                VALUES (:id, :service, :title, :slug, :client, :freelancer, :tier, :amount, :status, :requirements,
                        :due, :at, :at, :position)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.orderId().value())
                .param("service", event.parties().serviceId().value())
                .param("title", event.parties().serviceTitle())
                .param("slug", event.serviceSlug())
                .param("client", event.parties().clientId().value())
                .param("freelancer", event.parties().freelancerId().value())
                .param("tier", event.tier().wire())
                .param("amount", event.amount())
                .param("status", FreelanceOrderStatus.PENDING.wire())
                .param("requirements", event.requirements())
                .param("due", utc(event.dueDate()))
                .param("at", utc(at))
                .param("position", position(token))
                .update();
        if (inserted > 0) {
            moveStats(event.parties().serviceId(), "orders_count = s.orders_count + 1", 1, 0, 0);
        }
    }

    @EventHandler
    void on(FreelanceOrderAcceptedEvent event, @Timestamp Instant at, TrackingToken token) {
        moveOrder(event.orderId(), FreelanceOrderStatus.ACCEPTED, at, token,
                "freelancer_notes = COALESCE(:notes, freelancer_notes)", notes(event.freelancerNotes()));
    }

    @EventHandler
    void on(FreelanceOrderStartedEvent event, @Timestamp Instant at, TrackingToken token) {
        moveOrder(event.orderId(), FreelanceOrderStatus.IN_PROGRESS, at, token,
                "freelancer_notes = COALESCE(:notes, freelancer_notes)", notes(event.freelancerNotes()));
    }

    @EventHandler
    void on(FreelanceOrderDeliveredEvent event, @Timestamp Instant at, TrackingToken token) {
        Map<String, Object> params = new HashMap<>();
        params.put("files", JsonColumns.write(event.files()));
        params.put("message", event.message());
        params.put("delivered", utc(event.deliveredAt()));
        moveOrder(event.orderId(), FreelanceOrderStatus.DELIVERED, at, token,
                "delivery_files = CAST(:files AS jsonb), delivery_message = :message, delivered_at = :delivered",
                params);
    }

    @EventHandler
    void on(FreelanceOrderRevisionRequestedEvent event, @Timestamp Instant at, TrackingToken token) {
        Map<String, Object> params = new HashMap<>();
        params.put("reason", event.reason());
        moveOrder(event.orderId(), FreelanceOrderStatus.REVISION_REQUESTED, at, token, "revision_reason = :reason",
                params);
    }

    @EventHandler
    void on(FreelanceOrderCompletedEvent event, @Timestamp Instant at, TrackingToken token) {
        Map<String, Object> params = new HashMap<>();
        params.put("completed", utc(event.completedAt()));
        moveOrder(event.orderId(), FreelanceOrderStatus.COMPLETED, at, token, "completed_at = :completed", params);
    }

    @EventHandler
    void on(FreelanceOrderCancelledEvent event, @Timestamp Instant at, TrackingToken token) {
        Map<String, Object> params = new HashMap<>();
        params.put("reason", event.reason());
        moveOrder(event.orderId(), FreelanceOrderStatus.CANCELLED, at, token, "cancellation_reason = :reason",
                params);
    }

    @EventHandler
    void on(FreelanceOrderReviewedEvent event, @Timestamp Instant at, TrackingToken token) {
        Map<String, Object> params = new HashMap<>();
        params.put("rating", event.rating());
        params.put("review", event.review());
        params.put("reviewed", utc(at));
        int updated = updateOrder(event.orderId(), at, token,
                "rating = :rating, review = :review, reviewed_at = :reviewed", params);
        if (updated > 0) {
            moveStats(event.parties().serviceId(),
                    "reviews_count = s.reviews_count + 1, rating_sum = s.rating_sum + :rating", 0, 1,
                    event.rating());
        }
    }

    @EventHandler
    void on(PortfolioItemAddedEvent event, @Timestamp Instant at, TrackingToken token) {
        jdbc.sql("""
                INSERT INTO freelance_portfolio (id, freelancer_id, type, media_url, thumbnail_url, title, description,
                                                 service_id, display_order, created_at, updated_at, position)
                VALUES (:id, :freelancer, :type, :media, :thumbnail, :title, :description, :service, :order, :at, :at,
                        :position)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.itemId().value())
                .param("freelancer", event.freelancerId().value())
                .param("type", event.type().wire())
                .param("media", event.mediaUrl())
                .param("thumbnail", event.thumbnailUrl())
                .param("title", event.title())
                .param("description", event.description())
                .param("service", event.serviceId() == null ? null : event.serviceId().value())
                .param("order", event.displayOrder())
                .param("at", utc(at))
                .param("position", position(token))
                .update();
    }

    @EventHandler
    void on(PortfolioThumbnailChangedEvent event, @Timestamp Instant at, TrackingToken token) {
        Map<String, Object> params = new HashMap<>();
        params.put("thumbnail", event.thumbnailUrl());
        update("freelance_portfolio", event.itemId().value(), at, token, "thumbnail_url = :thumbnail", params);
    }

    @EventHandler
    void on(PortfolioItemRemovedEvent event, @Timestamp Instant at, TrackingToken token) {
        update("freelance_portfolio", event.itemId().value(), at, token, "removed = TRUE", Map.of());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE freelance_services, freelance_service_stats, freelance_orders, freelance_portfolio")
                .update();
        generations.bump(ReadModel.FREELANCE_SERVICES);
    }

    /**
     * Moves a service's figures; the row is created by whichever of its orders comes first, since
     * its orders may be folded by another segment before the service's own row is written.
     */
    private void moveStats(ServiceId serviceId, String assignments, int orders, int reviews, int ratingSum) {
        jdbc.sql("INSERT INTO freelance_service_stats AS s (service_id, orders_count, reviews_count, rating_sum) "
                        + "VALUES (:id, :orders, :reviews, :rating) ON CONFLICT (service_id) DO UPDATE SET "
                        + assignments)
                .param("id", serviceId.value())
                .param("orders", orders)
                .param("reviews", reviews)
                .param("rating", ratingSum)
                .update();
    }

    private void moveOrder(FreelanceOrderId id, FreelanceOrderStatus status, Instant at, TrackingToken token,
                           String assignments, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("status", status.wire());
        updateOrder(id, at, token, "status = :status, " + assignments, all);
    }

    private int updateOrder(FreelanceOrderId id, Instant at, TrackingToken token, String assignments,
                            Map<String, Object> params) {
        return update("freelance_orders", id.value(), at, token, assignments, params);
    }

    private void updateService(ServiceId id, Instant at, TrackingToken token, String assignments,
                               Map<String, Object> params) {
        update("freelance_services", id.value(), at, token, assignments, params);
    }

    /** Applies {@code assignments} to the row unless it already folded this event; answers the rows changed. */
    private int update(String table, UUID id, Instant at, TrackingToken token, String assignments,
                       Map<String, Object> params) {
        return jdbc.sql("UPDATE " + table + " SET " + assignments
                        + ", updated_at = :at, position = :position WHERE id = :id AND position < :position")
                .params(params)
                .param("id", id)
                .param("at", utc(at))
                .param("position", position(token))
                .update();
    }

    private static Map<String, Object> notes(String notes) {
        Map<String, Object> params = new HashMap<>();
        params.put("notes", notes);
        return params;
    }

    /** The title and tags, folded as a search query is. */
    private static String searchText(ServiceDetails d) {
        return Slugs.fold(d.title()) + " " + Slugs.fold(String.join(" ", d.tags()));
    }
}
