package dz.zst.query.freelance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dz.zst.domain.freelance.DeliveryFile;
import dz.zst.domain.freelance.FreelanceOrderStatus;
import dz.zst.domain.freelance.FreelanceViews.FreelanceOrderView;
import dz.zst.domain.freelance.FreelanceViews.FreelancerView;
import dz.zst.domain.freelance.FreelanceViews.OrderedService;
import dz.zst.domain.freelance.FreelanceViews.PortfolioItemView;
import dz.zst.domain.freelance.FreelanceViews.Reviewer;
import dz.zst.domain.freelance.FreelanceViews.ServiceReviewView;
import dz.zst.domain.freelance.FreelanceViews.ServiceView;
import dz.zst.domain.freelance.PortfolioMediaType;
import dz.zst.domain.freelance.PricingTier;
import dz.zst.domain.freelance.ServiceDetails;
import dz.zst.domain.freelance.ServicePackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;

/** Maps rows of the freelance read model (joined with the users' public fields) to views. */
final class FreelanceRows {
    private FreelanceRows() {
    }

    /** Services as {@code s}, their figures as {@code st}, their freelancer as {@code u}. */
    static final String SERVICE_COLUMNS = """
            s.id, s.slug, s.freelancer_id, s.details, s.cover_image_url, s.cover_thumbnail_url, s.video_url,
            s.created_at, s.updated_at, COALESCE(st.orders_count, 0) AS orders_count,
            COALESCE(st.reviews_count, 0) AS reviews_count,
            COALESCE(ROUND(st.rating_sum::numeric / NULLIF(st.reviews_count, 0), 2), 0) AS rating,
            u.full_name, u.avatar_url, u.bio, u.wilaya, u.is_verified""";

    static final String SERVICES_FROM = " FROM freelance_services s"
            + " LEFT JOIN freelance_service_stats st ON st.service_id = s.id"
            + " LEFT JOIN users u ON u.id = s.freelancer_id";

    static final String ORDERS_FROM = " FROM freelance_orders o";

    private static final ObjectMapper COLUMN_MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<DeliveryFile>> FILES = new TypeReference<>() {
    };

    static final RowMapper<ServiceView> SERVICES = (rs, row) -> {
        ServiceDetails d = read(rs.getString("details"), ServiceDetails.class);
        String freelancerId = rs.getString("freelancer_id");
        FreelancerView freelancer = new FreelancerView(freelancerId, rs.getString("full_name"),
                rs.getString("avatar_url"), rs.getString("bio"), rs.getString("wilaya"), rs.getBoolean("is_verified"));
        ServicePackage basic = d.basic();
        ServicePackage standard = d.standard();
        ServicePackage premium = d.premium();
        return new ServiceView(rs.getString("id"), rs.getString("slug"), freelancerId, freelancer, d.title(),
                d.description(), d.category(), d.tags(),
                basic.price(), basic.description(), basic.deliveryDays(),
                standard == null ? null : standard.price(), standard == null ? null : standard.description(),
                standard == null ? null : standard.deliveryDays(),
                premium == null ? null : premium.price(), premium == null ? null : premium.description(),
                premium == null ? null : premium.deliveryDays(),
                rs.getString("cover_image_url"), rs.getString("cover_thumbnail_url"), rs.getString("video_url"),
                rs.getBigDecimal("rating"), rs.getInt("reviews_count"), rs.getInt("orders_count"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    };

    static final RowMapper<FreelanceOrderView> ORDERS = (rs, row) -> {
        int rating = rs.getInt("rating");
        Integer ratingOrNull = rs.wasNull() ? null : rating;
        return new FreelanceOrderView(rs.getString("id"), rs.getString("service_id"), rs.getString("freelancer_id"),
                rs.getString("client_id"), PricingTier.fromWire(rs.getString("pricing_tier")),
                rs.getBigDecimal("amount"), FreelanceOrderStatus.fromWire(rs.getString("status")),
                rs.getString("requirements"), rs.getString("freelancer_notes"), instant(rs, "due_date"),
                instant(rs, "delivered_at"), instant(rs, "completed_at"), readFiles(rs.getString("delivery_files")),
                rs.getString("delivery_message"), rs.getString("revision_reason"),
                rs.getString("cancellation_reason"), ratingOrNull, rs.getString("review"),
                new OrderedService(rs.getString("service_id"), rs.getString("service_title"),
                        rs.getString("service_slug")),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    };

    /** Orders as {@code o} with a rating, their client as {@code u}. */
    static final RowMapper<ServiceReviewView> REVIEWS = (rs, row) -> new ServiceReviewView(rs.getString("id"),
            rs.getString("id"), rs.getString("service_id"),
            new Reviewer(rs.getString("client_id"), rs.getString("full_name"), rs.getString("avatar_url")),
            rs.getInt("rating"), rs.getString("review"), instant(rs, "reviewed_at"));

    static final RowMapper<PortfolioItemView> PORTFOLIO = (rs, row) -> new PortfolioItemView(rs.getString("id"),
            rs.getString("freelancer_id"), PortfolioMediaType.fromWire(rs.getString("type")),
            rs.getString("media_url"), rs.getString("thumbnail_url"), rs.getString("title"),
            rs.getString("description"), rs.getString("service_id"), rs.getInt("display_order"),
            instant(rs, "created_at"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return COLUMN_MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<DeliveryFile> readFiles(String json) {
        try {
            return COLUMN_MAPPER.readValue(json, FILES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
