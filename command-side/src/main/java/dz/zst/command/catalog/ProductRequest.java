package dz.zst.command.catalog;

import com.fasterxml.jackson.annotation.JsonAlias;
import dz.zst.domain.catalog.Category;
import dz.zst.domain.catalog.ProductDetails;
import dz.zst.domain.catalog.ProductPatch;
import dz.zst.domain.shared.Money;
import dz.zst.domain.shared.SellerCategory;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Body of POST and PATCH /products. One record for both: creation additionally requires the
 * fields in the {@link OnCreate} group; a PATCH may send any subset.
 */
public record ProductRequest(
        @NotBlank(groups = OnCreate.class) @Size(min = 3, max = 200) String name,
        @Size(max = 100) String brand,
        @Size(max = 2000) String description,
        @Size(max = 100) String sku,
        @NotNull(groups = OnCreate.class) Category category,
        @Size(max = 100) String productType,
        @NotNull(groups = OnCreate.class) @DecimalMin("0") @DecimalMax(Money.MAX_PRICE_TEXT) @Digits(integer = 8, fraction = 2)
        BigDecimal price,
        @DecimalMin("0") @DecimalMax(Money.MAX_PRICE_TEXT) @Digits(integer = 8, fraction = 2) BigDecimal originalPrice,
        @NotNull(groups = OnCreate.class) @Min(0) @Max(10_000_000) Integer stock,
        @Min(1) @Max(1_000_000) Integer minOrderQuantity,
        Boolean isNew,
        Boolean isPromo,
        Instant countdownEndDate,
        @Size(max = 30) List<@NotBlank @Size(max = 300) String> benefits,
        @Size(max = 2000) String ingredients,
        @Size(max = 2000) String usageInstructions,
        @Size(max = 300) String deliveryEstimate,
        @Size(max = 2000) String shippingInfo,
        @Size(max = 2000) String returnsInfo,
        @Size(max = 2000) String paymentInfo,
        @Size(max = 2000) String exclusiveOffers,
        @Size(max = 30) List<@NotBlank @Size(max = 50) String> tags,
        @DecimalMin("0") @Digits(integer = 8, fraction = 3) BigDecimal weight,
        @Size(max = 50) Map<String, Object> specifications,
        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String videoUrl,
        @JsonAlias("sellerCategory") SellerCategory sellerCategory,
        @Size(max = Product.MAX_IMAGES) List<@NotBlank @Size(max = 2048)
                @Pattern(regexp = "https?://\\S+|/media/\\S+", message = "must be an http(s) URL") String> images) {

    /** Validation group of the fields a new product must have. */
    public interface OnCreate {
    }

    ProductDetails toDetails() {
        return new ProductDetails(name, brand, description, sku, category, productType, price, originalPrice,
                minOrderQuantity == null ? 1 : minOrderQuantity, Boolean.TRUE.equals(isNew),
                Boolean.TRUE.equals(isPromo), countdownEndDate, benefits, ingredients, usageInstructions,
                deliveryEstimate, shippingInfo, returnsInfo, paymentInfo, exclusiveOffers, tags, weight,
                specifications, videoUrl);
    }

    ProductPatch toPatch() {
        if (images != null) {
            throw new IllegalArgumentException("images are added through POST /api/v1/storage/products/:productId/images");
        }
        return new ProductPatch(name, brand, description, sku, category, productType, price, originalPrice,
                minOrderQuantity, isNew, isPromo, countdownEndDate, benefits, ingredients, usageInstructions,
                deliveryEstimate, shippingInfo, returnsInfo, paymentInfo, exclusiveOffers, tags, weight,
                specifications, videoUrl, stock);
    }
}
