package dz.zst.command.catalog;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.catalog.CatalogCommands.CreateProductCommand;
import dz.zst.domain.catalog.CatalogCommands.DeleteProductCommand;
import dz.zst.domain.catalog.CatalogCommands.UpdateProductCommand;
import dz.zst.domain.catalog.CatalogQueries.FindProductQuery;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.ReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.groups.Default;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Product writes (API.md §4). Each answers only once the product read model reflects the write. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Products")
public class ProductCommandController {

    private final ConsistentWrites writes;

    public ProductCommandController(ConsistentWrites writes) {
        this.writes = writes;
    }

    @PostMapping("/products")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a product (seller or admin)")
    public ProductView create(@AuthenticationPrincipal Actor actor,
                              @Validated({ProductRequest.OnCreate.class, Default.class}) @RequestBody ProductRequest body) {
        ProductId id = ProductId.random();
        writes.send(new CreateProductCommand(id, actor, body.sellerCategory(), body.toDetails(), body.stock(),
                body.images()), id.toString(), ReadModel.PRODUCTS);
        return writes.ask(new FindProductQuery(id, actor), ProductView.class);
    }

    @PatchMapping({"/products/{id}", "/seller/products/{id}"})
    @Operation(summary = "Update a product (owner or admin)")
    public ProductView update(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                              @Validated @RequestBody ProductRequest body) {
        ProductId productId = ProductId.of(id);
        writes.send(new UpdateProductCommand(productId, actor, body.toPatch(), body.sellerCategory()),
                productId.toString(), ReadModel.PRODUCTS);
        return writes.ask(new FindProductQuery(productId, actor), ProductView.class);
    }

    @DeleteMapping("/products/{id}")
    @Operation(summary = "Delete a product (owner or admin); orders keep their item snapshots")
    public Map<String, String> delete(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        ProductId productId = ProductId.of(id);
        writes.send(new DeleteProductCommand(productId, actor), productId.toString(), ReadModel.PRODUCTS);
        return Map.of("message", "Product deleted successfully", "id", productId.toString());
    }
}
