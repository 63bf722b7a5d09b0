package dz.zst.query.b2b;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.domain.b2b.B2BOfferView;
import dz.zst.domain.b2b.B2BResponseView;
import dz.zst.domain.b2b.OfferStatus;
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.b2b.ResponseType;
import dz.zst.domain.b2b.ResponseStatus;
import dz.zst.domain.shared.PublicSellerView;
import dz.zst.domain.shared.SellerCategory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;

/** Maps rows of the B2B read model (offers joined with their seller's public fields) to views. */
final class B2BRows {

    static final String OFFER_COLUMNS = """
            o.id, o.seller_id, o.title, o.description, o.images::text AS images, o.tags::text AS tags, o.base_price,
            o.min_quantity, o.available_quantity, o.offer_type, o.status, o.current_bid, o.highest_bidder_id,
            o.starts_at, o.ends_at, o.target_category, o.responses_count, o.created_at, o.updated_at,
            u.full_name AS seller_name, u.avatar_url AS seller_avatar, u.seller_category AS seller_tier,
            u.wilaya AS seller_wilaya, u.is_verified AS seller_verified""";
    static final String OFFERS = " FROM b2b_offers o LEFT JOIN users u ON u.id = o.seller_id ";

    static final String RESPONSE_COLUMNS = """
            r.id, r.offer_id, r.buyer_id, r.response_type, r.status, r.amount, r.quantity, r.message, r.created_at,
            r.updated_at""";
    static final String RESPONSES = " FROM b2b_responses r ";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    static final RowMapper<B2BOfferView> OFFER = (rs, n) -> new B2BOfferView(rs.getObject("id", UUID.class),
            rs.getObject("seller_id", UUID.class), rs.getString("title"), rs.getString("description"),
            strings(rs.getString("images")), strings(rs.getString("tags")), rs.getBigDecimal("base_price"),
            rs.getInt("min_quantity"), rs.getInt("available_quantity"), OfferType.fromWire(rs.getString("offer_type")),
            OfferStatus.fromWire(rs.getString("status")), rs.getBigDecimal("current_bid"),
            rs.getObject("highest_bidder_id", UUID.class), instant(rs, "starts_at"), instant(rs, "ends_at"),
            SellerCategory.fromWire(rs.getString("target_category")), seller(rs), rs.getLong("responses_count"),
            instant(rs, "created_at"), instant(rs, "updated_at"));

    static final RowMapper<B2BResponseView> RESPONSE = (rs, n) -> new B2BResponseView(rs.getObject("id", UUID.class),
            rs.getObject("offer_id", UUID.class), rs.getObject("buyer_id", UUID.class),
            ResponseType.fromWire(rs.getString("response_type")),
            ResponseStatus.valueOf(rs.getString("status").toUpperCase()), rs.getBigDecimal("amount"),
            rs.getInt("quantity"), rs.getString("message"), instant(rs, "created_at"), instant(rs, "updated_at"));

    private B2BRows() {
    }

    /** A seller whose user row is gone still has an id to show. */
    private static PublicSellerView seller(ResultSet rs) throws SQLException {
        String tier = rs.getString("seller_tier");
        return new PublicSellerView(rs.getString("seller_id"), rs.getString("seller_name"),
                rs.getString("seller_avatar"), tier == null ? null : SellerCategory.fromWire(tier),
                rs.getString("seller_wilaya"), rs.getBoolean("seller_verified"));
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable offer images or tags", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
