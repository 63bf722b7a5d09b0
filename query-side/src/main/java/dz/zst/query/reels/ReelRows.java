package dz.zst.query.reels;

import dz.zst.domain.reels.ReelView;
import dz.zst.domain.shared.PublicSellerView;
import dz.zst.domain.shared.SellerCategory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.RowMapper;

/** Maps a row of {@link ReelQueryHandler}'s reel selects to the API's view. */
final class ReelRows implements RowMapper<ReelView> {

    private final boolean withLiked;

    ReelRows(boolean withLiked) {
        this.withLiked = withLiked;
    }

    @Override
    public ReelView mapRow(ResultSet rs, int rowNum) throws SQLException {
        String productId = rs.getString("product_id");
        String sellerId = rs.getString("seller_id");
        String tier = rs.getString("seller_tier");
        return new ReelView(rs.getString("id"), productId, sellerId, rs.getString("caption"),
                rs.getString("video_url"), rs.getString("video_storage_path"), rs.getString("thumbnail_url"),
                rs.getObject("duration_seconds", Integer.class), rs.getObject("file_size_bytes", Long.class),
                rs.getLong("likes_count"), rs.getLong("comments_count"), rs.getLong("views_count"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                new ReelView.Product(productId, rs.getString("product_name"), rs.getBigDecimal("product_price"),
                        rs.getString("product_image"), rs.getString("product_slug")),
                new PublicSellerView(sellerId, rs.getString("seller_name"), rs.getString("seller_avatar"),
                        tier == null ? null : SellerCategory.fromWire(tier), rs.getString("seller_wilaya"),
                        rs.getBoolean("seller_verified")),
                withLiked ? rs.getBoolean("is_liked") : null);
    }
}
