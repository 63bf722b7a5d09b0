package dz.zst.query.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dz.zst.domain.catalog.ProductDetails;
import dz.zst.domain.catalog.ProductImage;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.shared.PublicSellerView;
import dz.zst.domain.shared.SellerCategory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps rows of the products read model (joined with the seller's public fields) to views. Other
 * read models that show current products (the cart) select {@link #COLUMNS} over the same aliases.
 */
public final class ProductRows implements RowMapper<ProductView> {

    /** The columns every product query selects (products as {@code p}, users as {@code u}), in the shape {@link #mapRow} reads. */
    public static final String COLUMNS = """
            p.id, p.slug, p.seller_id, p.seller_category, p.stock, p.in_stock, p.rating, p.viewers_count,
            p.details, p.images, p.created_at, p.updated_at,
            u.full_name AS seller_name, u.avatar_url AS seller_avatar, u.seller_category AS seller_tier,
            u.wilaya AS seller_wilaya, u.is_verified AS seller_verified""";

    public static final String FROM = " FROM products p LEFT JOIN users u ON u.id = p.seller_id ";

    private static final ObjectMapper COLUMN_MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<ProductImage>> IMAGES = new TypeReference<>() {
    };

    @Override
    public ProductView mapRow(ResultSet rs, int rowNum) throws SQLException {
        ProductDetails d = read(rs.getString("details"), ProductDetails.class);
        List<ProductImage> images = readImages(rs.getString("images"));
        String primary = images.stream().filter(ProductImage::isPrimary).map(ProductImage::imageUrl).findFirst()
                .orElse(images.isEmpty() ? null : images.get(0).imageUrl());
        String sellerId = rs.getString("seller_id");
        String sellerTier = rs.getString("seller_tier");
        PublicSellerView seller = new PublicSellerView(sellerId, rs.getString("seller_name"),
                rs.getString("seller_avatar"), sellerTier == null ? null : SellerCategory.fromWire(sellerTier),
                rs.getString("seller_wilaya"), rs.getBoolean("seller_verified"));
        return new ProductView(rs.getString("id"), rs.getString("slug"), d.name(), d.brand(), d.description(), d.sku(),
                d.category(), d.productType(), d.price(), d.originalPrice(), rs.getInt("stock"),
                d.minOrderQuantity(), rs.getBoolean("in_stock"), d.isNew(), d.isPromo(), rs.getBigDecimal("rating"),
                rs.getInt("viewers_count"), d.countdownEndDate(), d.benefits(), d.ingredients(),
                d.usageInstructions(), d.deliveryEstimate(), d.shippingInfo(), d.returnsInfo(), d.paymentInfo(),
                d.exclusiveOffers(), d.tags(), d.weight(), d.specifications(), primary, d.videoUrl(),
                images.stream().map(i -> new ProductView.Image(i.id(), i.imageUrl(), i.isPrimary(), i.displayOrder()))
                        .toList(),
                sellerId, SellerCategory.fromWire(rs.getString("seller_category")), seller,
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return COLUMN_MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ProductImage> readImages(String json) {
        try {
            return COLUMN_MAPPER.readValue(json, IMAGES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
