package dz.zst.query.cart;

import dz.zst.domain.cart.CartQueries.CountCartQuery;
import dz.zst.domain.cart.CartQueries.FindCartItemQuery;
import dz.zst.domain.cart.CartQueries.FindCartQuery;
import dz.zst.domain.cart.CartCount;
import dz.zst.domain.cart.CartItemView;
import dz.zst.domain.cart.CartSummary;
import dz.zst.domain.cart.CartView;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.query.catalog.ProductQueryHandler;
import dz.zst.query.catalog.ProductRows;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The caller's cart from the carts read model, joined with the current products. An item whose
 * product was deleted, or is not visible to the caller (API.md §3), is left out of the items, the
 * summary and the count alike; it stays in the cart and reappears if its product becomes visible.
 */
@Component
public class CartQueryHandler {

    private static final ProductRows PRODUCTS = new ProductRows();
    private static final String FROM = """
             FROM cart_items i
             JOIN products p ON p.id = i.product_id
             LEFT JOIN users u ON u.id = p.seller_id
            """;

    private final JdbcClient jdbc;

    public CartQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public CartView find(FindCartQuery query) {
        Map<String, Object> params = new HashMap<>();
        List<CartItemView> items = jdbc.sql(select(query.viewer(), params) + " ORDER BY i.created_at, i.id")
                .params(params).query(CartQueryHandler::item).list();
        BigDecimal subtotal = BigDecimal.ZERO;
        int units = 0;
        for (CartItemView item : items) {
            subtotal = subtotal.add(item.productPrice().multiply(BigDecimal.valueOf(item.quantity())));
            units += item.quantity();
        }
        return new CartView(items, new CartSummary(subtotal.setScale(2, RoundingMode.HALF_UP), units,
                items.size()));
    }

    @QueryHandler
    public CartItemView findItem(FindCartItemQuery query) {
        Map<String, Object> params = new HashMap<>();
        params.put("item", Ids.parse(query.itemId(), "cart item"));
        return jdbc.sql(select(query.viewer(), params) + " AND i.id = :item").params(params)
                .query(CartQueryHandler::item).optional()
                .orElseThrow(() -> new NotFoundException("Cart item not found"));
    }

    @QueryHandler
    public CartCount count(CountCartQuery query) {
        Map<String, Object> params = new HashMap<>();
        long units = jdbc.sql("SELECT coalesce(sum(i.quantity), 0)" + FROM + where(query.viewer(), params))
                .params(params).query(Long.class).single();
        return new CartCount(Math.toIntExact(units));
    }

    private static String select(Actor viewer, Map<String, Object> params) {
        return "SELECT i.id AS item_id, i.quantity AS item_quantity, i.created_at AS item_created_at,"
                + " i.updated_at AS item_updated_at, " + ProductRows.COLUMNS + FROM + where(viewer, params);
    }

    /** The viewer's own items whose product is still listed and visible to the viewer. */
    private static String where(Actor viewer, Map<String, Object> params) {
        params.put("buyer", viewer.userId().value());
        String visible = ProductQueryHandler.visibleTo(viewer, params);
        return " WHERE i.user_id = :buyer AND NOT p.deleted" + (visible == null ? "" : " AND " + visible);
    }

    private static CartItemView item(ResultSet rs, int row) throws SQLException {
        ProductView product = PRODUCTS.mapRow(rs, row);
        return new CartItemView(rs.getString("item_id"), product.id(), product.sellerId(), product.name(),
                product.primaryImage(), product.price(), rs.getInt("item_quantity"), product,
                rs.getObject("item_created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("item_updated_at", OffsetDateTime.class).toInstant());
    }
}
