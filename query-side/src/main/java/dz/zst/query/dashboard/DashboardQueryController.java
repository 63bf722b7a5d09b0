package dz.zst.query.dashboard;

import dz.zst.domain.dashboard.AnalyticsPeriod;
import dz.zst.domain.dashboard.DashboardQueries.FindRecentSellerOrdersQuery;
import dz.zst.domain.dashboard.DashboardQueries.FindTopProductsQuery;
import dz.zst.domain.dashboard.DashboardQueries.TopProductList;
import dz.zst.domain.dashboard.SellerAnalytics;
import dz.zst.domain.dashboard.SellerStats;
import dz.zst.domain.dashboard.TopProduct;
import dz.zst.domain.orders.OrderQueries.OrderList;
import dz.zst.domain.orders.OrderView;
import dz.zst.domain.shared.Actor;
import dz.zst.query.shared.Reads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sellers' dashboard (API.md §9): sellers only, anyone else 403. Field names are the contract's camelCase. */
@RestController
@RequestMapping("/api/v1/seller")
@Tag(name = "Seller dashboard")
@ApiResponse(responseCode = "403", description = "The caller is not a seller")
public class DashboardQueryController {

    private final Reads reads;
    private final DashboardReads dashboards;

    public DashboardQueryController(Reads reads, DashboardReads dashboards) {
        this.reads = reads;
        this.dashboards = dashboards;
    }

    @GetMapping("/stats")
    @Operation(summary = "The seller's figures: products, orders, revenue (paid orders not returned), reels",
            description = "Also pushed live as seller:stats to a socket that did seller:subscribe.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SellerStats.class)))
    public ResponseEntity<byte[]> stats(@AuthenticationPrincipal Actor seller,
                                        @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING,
                                                required = false) String acceptEncoding) {
        return dashboards.stats(seller).response(acceptEncoding);
    }

    @GetMapping("/analytics")
    @Operation(summary = "The seller's revenue and orders per Africa/Algiers day of the period, zero-filled")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SellerAnalytics.class)))
    public ResponseEntity<byte[]> analytics(@AuthenticationPrincipal Actor seller,
                                            @Parameter(description = "7d, 30d, 90d or 365d")
                                            @RequestParam(name = "period", defaultValue = "30d") String period,
                                            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING,
                                                    required = false) String acceptEncoding) {
        return dashboards.analytics(seller, AnalyticsPeriod.fromWire(period)).response(acceptEncoding);
    }

    @GetMapping("/recent-orders")
    @Operation(summary = "The seller's ten newest orders")
    public List<OrderView> recentOrders(@AuthenticationPrincipal Actor seller) {
        return reads.ask(new FindRecentSellerOrdersQuery(seller), OrderList.class).orders();
    }

    @GetMapping("/top-products")
    @Operation(summary = "The seller's ten best products by revenue of paid orders not returned")
    public List<TopProduct> topProducts(@AuthenticationPrincipal Actor seller) {
        return reads.ask(new FindTopProductsQuery(seller), TopProductList.class).products();
    }
}
