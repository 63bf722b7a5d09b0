package dz.zst.query.catalog;

import dz.zst.domain.catalog.CatalogQueries.FindProductBySlugQuery;
import dz.zst.domain.catalog.CatalogQueries.ListSellerProductsQuery;
import dz.zst.domain.catalog.CatalogQueries.ProductFilter;
import dz.zst.domain.catalog.ProductPage;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.query.shared.Reads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Product reads (API.md §4): lists with filters, by id, by slug, and the seller's own. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Products")
public class ProductQueryController {

    private final Reads reads;
    private final ProductReads products;

    public ProductQueryController(Reads reads, ProductReads products) {
        this.reads = reads;
        this.products = products;
    }

    @GetMapping("/products")
    @Operation(summary = "List products visible to the caller")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductPage.class)))
    public ResponseEntity<byte[]> list(@AuthenticationPrincipal Actor viewer,
                                       @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING,
                                               required = false) String acceptEncoding,
                                       @RequestParam(name = "page", defaultValue = "1") int page,
                                       @RequestParam(name = "limit", defaultValue = "20") int limit,
                                       @RequestParam(name = "search", required = false) String search,
                                       @RequestParam(name = "category", required = false) String category,
                                       @RequestParam(name = "seller_category", required = false) String sellerCategory,
                                       @RequestParam(name = "seller_id", required = false) String sellerId,
                                       @RequestParam(name = "min_price", required = false) BigDecimal minPrice,
                                       @RequestParam(name = "max_price", required = false) BigDecimal maxPrice,
                                       @RequestParam(name = "brand", required = false) String brand,
                                       @RequestParam(name = "in_stock", defaultValue = "true") boolean inStock,
                                       @RequestParam(name = "sort_by", defaultValue = "created_at") String sortBy,
                                       @RequestParam(name = "sort_order", defaultValue = "DESC") String sortOrder) {
        return products.page(viewer, new ProductListRequest(page, limit, search, category, sellerCategory, sellerId,
                minPrice, maxPrice, brand, inStock, sortBy, sortOrder)).response(acceptEncoding);
    }

    @GetMapping("/products/{id}")
    @Operation(summary = "Get a product by id")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductView.class)))
    public ResponseEntity<byte[]> byId(@AuthenticationPrincipal Actor viewer, @PathVariable("id") String id,
                                       @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING,
                                               required = false) String acceptEncoding) {
        return products.product(viewer, id).response(acceptEncoding);
    }

    @GetMapping("/products/slug/{slug}")
    @Operation(summary = "Get a product by slug")
    public ProductView bySlug(@AuthenticationPrincipal Actor viewer, @PathVariable("slug") String slug) {
        return reads.ask(new FindProductBySlugQuery(slug, viewer), ProductView.class);
    }

    @GetMapping("/seller/products")
    @Operation(summary = "The caller's own products, every tier, in and out of stock")
    public PagedResult<ProductView> sellerProducts(@AuthenticationPrincipal Actor viewer,
                                 @RequestParam(name = "page", defaultValue = "1") int page,
                                 @RequestParam(name = "limit", defaultValue = "20") int limit,
                                 @RequestParam(name = "search", required = false) String search,
                                 @RequestParam(name = "category", required = false) String category,
                                 @RequestParam(name = "in_stock", required = false) Boolean inStock,
                                 @RequestParam(name = "sort_by", defaultValue = "created_at") String sortBy,
                                 @RequestParam(name = "sort_order", defaultValue = "DESC") String sortOrder) {
        ProductFilter filter = ProductListRequest.filter(search, category, null, null, null, null, null, inStock,
                sortBy, sortOrder);
        return reads.ask(new ListSellerProductsQuery(viewer.userId(), filter, PageRequest.of(page, limit)), ProductPage.class)
                .page();
    }
}
