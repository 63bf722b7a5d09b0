package dz.zst.query.cart;

import dz.zst.domain.cart.CartQueries.CountCartQuery;
import dz.zst.domain.cart.CartQueries.FindCartQuery;
import dz.zst.domain.cart.CartCount;
import dz.zst.domain.cart.CartView;
import dz.zst.domain.shared.Actor;
import dz.zst.query.shared.Reads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cart reads (API.md §5): the caller's own cart, never cached (one cart per user, and each write
 * waits for the read model, so the caller's next read reflects it).
 */
@RestController
@RequestMapping("/api/v1/cart")
@Tag(name = "Cart")
public class CartQueryController {

    private final Reads reads;

    public CartQueryController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping
    @Operation(summary = "Your cart, with current product data and a summary",
            description = "Each item carries the product as GET /products/{id} shows it now (price, name, image are"
                    + " current, not frozen when added). Items whose product was deleted or is no longer visible to"
                    + " you are left out of items and summary (they stay in the cart: DELETE /cart removes them)."
                    + " summary.subtotal = Σ price × quantity; summary.total_items = units (Σ quantity);"
                    + " summary.items_count = distinct items.")
    public CartView cart(@AuthenticationPrincipal Actor viewer) {
        return reads.ask(new FindCartQuery(viewer), CartView.class);
    }

    @GetMapping("/count")
    @Operation(summary = "Units in your cart, for the cart badge",
            description = "count is the number of units (Σ quantity over the items), the same figure as"
                    + " summary.total_items of GET /cart: items left out of the cart view are not counted.")
    public CartCount count(@AuthenticationPrincipal Actor viewer) {
        return reads.ask(new CountCartQuery(viewer), CartCount.class);
    }
}
