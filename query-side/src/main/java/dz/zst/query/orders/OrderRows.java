package dz.zst.query.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.domain.orders.OrderView;
import dz.zst.domain.shared.PublicSellerView;
import dz.zst.domain.shared.SellerCategory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;

/** Maps rows of the orders read model (joined with the seller's public fields) to views. */
final class OrderRows {

    static final String COLUMNS = """
            o.id, o.order_number, o.user_id, o.seller_id, o.customer_name, o.customer_email, o.customer_phone,
            o.shipping_address, o.customer_wilaya, o.subtotal, o.shipping_cost, o.total, o.status,
            o.payment_status, o.payment_method, o.delivery_date, o.tracking_number, o.notes, o.items,
            o.access_token_hash, o.created_at, o.updated_at,
            u.full_name AS seller_name, u.avatar_url AS seller_avatar, u.seller_category AS seller_tier,
            u.wilaya AS seller_wilaya, u.is_verified AS seller_verified""";
    static final String FROM = " FROM orders o LEFT JOIN users u ON u.id = o.seller_id ";

    private static final ObjectMapper ITEMS = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<OrderView.Item>> ITEM_LIST = new TypeReference<>() {
    };

    /** A row with what access checks need besides the view. */
    record OrderRow(OrderView view, String accessTokenHash) {
    }

    static final RowMapper<OrderRow> ROWS = (rs, n) -> new OrderRow(view(rs), rs.getString("access_token_hash"));

    private OrderRows() {
    }

    static OrderView view(ResultSet rs) throws SQLException {
        return new OrderView(rs.getObject("id", UUID.class), rs.getString("order_number"),
                rs.getObject("user_id", UUID.class), rs.getObject("seller_id", UUID.class),
                rs.getString("customer_name"), rs.getString("customer_email"), rs.getString("customer_phone"),
                rs.getString("shipping_address"), rs.getString("customer_wilaya"), rs.getBigDecimal("subtotal"),
                rs.getBigDecimal("shipping_cost"), rs.getBigDecimal("total"), rs.getString("status"),
                rs.getString("payment_status"), rs.getString("payment_method"), instant(rs, "delivery_date"),
                rs.getString("tracking_number"), rs.getString("notes"), items(rs.getString("items")), seller(rs),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static PublicSellerView seller(ResultSet rs) throws SQLException {
        String tier = rs.getString("seller_tier");
        return new PublicSellerView(rs.getString("seller_id"), rs.getString("seller_name"),
                rs.getString("seller_avatar"), tier == null ? null : SellerCategory.fromWire(tier),
                rs.getString("seller_wilaya"), rs.getBoolean("seller_verified"));
    }

    private static List<OrderView.Item> items(String json) {
        try {
            return ITEMS.readValue(json, ITEM_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable order items", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
