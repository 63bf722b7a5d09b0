package dz.zst.command.catalog;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dz.zst.domain.catalog.CatalogCommands.AttachProductImageCommand;
import dz.zst.domain.catalog.CatalogCommands.CreateProductCommand;
import dz.zst.domain.catalog.CatalogCommands.DeleteProductCommand;
import dz.zst.domain.catalog.CatalogCommands.ReleaseStockCommand;
import dz.zst.domain.catalog.CatalogCommands.ReserveStockCommand;
import dz.zst.domain.catalog.CatalogCommands.UpdateProductCommand;
import dz.zst.domain.catalog.CatalogEvents.ProductCreatedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductDeletedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductDetailsChangedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductImageAttachedEvent;
import dz.zst.domain.catalog.CatalogEvents.ProductStockAdjustedEvent;
import dz.zst.domain.catalog.CatalogEvents.StockReleasedEvent;
import dz.zst.domain.catalog.CatalogEvents.StockReservedEvent;
import dz.zst.domain.catalog.ProductDetails;
import dz.zst.domain.catalog.ProductImage;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.Slugs;
import dz.zst.domain.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A product for sale, and the consistency boundary of its stock: every unit an order takes is
 * reserved here, one command at a time, so stock never goes below zero whatever the concurrency.
 * Kept in the aggregate cache and snapshotted (its fields are what the snapshot serializes): a
 * product that sells well collects a stock event per order.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "productSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Product {

    static final int MAX_IMAGES = 20;

    @AggregateIdentifier
    private ProductId id;
    private UserId sellerId;
    private SellerCategory sellerCategory;
    private ProductDetails details;
    private int stock;
    private int imageCount;
    private String primaryImage;

    protected Product() {
    }

    @CommandHandler
    public Product(CreateProductCommand command) {
        Actor actor = command.actor();
        if (actor == null || !(actor.isSeller() || actor.isAdmin())) {
            throw new ForbiddenException("Only sellers and admins can create products");
        }
        SellerCategory tier = listingTier(actor, command.sellerCategory());
        command.details().validate();
        requireStock(command.stock());
        List<String> urls = command.imageUrls() == null ? List.of() : command.imageUrls();
        if (urls.size() > MAX_IMAGES) {
            throw new IllegalArgumentException("images must contain at most " + MAX_IMAGES + " entries");
        }
        List<ProductImage> images = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            String imageId = command.productId().value() + "-" + i;
            images.add(new ProductImage(imageId, urls.get(i), null, null, i == 0, i));
        }
        apply(new ProductCreatedEvent(command.productId(), actor.userId(), tier, slugFor(command),
                command.details(), command.stock(), images));
    }

    @CommandHandler
    public void handle(UpdateProductCommand command) {
        requireOwnerOrAdmin(command.actor());
        ProductDetails changed = command.patch().applyTo(details);
        changed.validate();
        SellerCategory tier = command.sellerCategory() == null ? sellerCategory
                : listingTier(command.actor(), command.sellerCategory());
        if (!changed.equals(details) || tier != sellerCategory) {
            apply(new ProductDetailsChangedEvent(id, changed, tier));
        }
        Integer newStock = command.patch().stock();
        if (newStock != null && newStock != stock) {
            requireStock(newStock);
            apply(new ProductStockAdjustedEvent(id, newStock));
        }
    }

    @CommandHandler
    public void handle(DeleteProductCommand command) {
        requireOwnerOrAdmin(command.actor());
        apply(new ProductDeletedEvent(id));
    }

    @CommandHandler
    public void handle(AttachProductImageCommand command) {
        requireOwnerOrAdmin(command.actor());
        if (imageCount >= MAX_IMAGES) {
            throw new BusinessRuleViolationException("A product has at most " + MAX_IMAGES + " images");
        }
        apply(new ProductImageAttachedEvent(id, new ProductImage(command.imageId(), command.imageUrl(),
                command.thumbnailUrl(), command.storageKey(), imageCount == 0, imageCount)));
    }

    @CommandHandler
    public int handle(ReserveStockCommand command) {
        reserve(command.quantity(), command.reference());
        return stock;
    }

    @CommandHandler
    public int handle(ReleaseStockCommand command) {
        release(command.quantity(), command.reference());
        return stock;
    }

    /**
     * What {@code buyer} may order of this product: refused, naming the product, when the buyer
     * can't see it (API.md §3), owns it, asks for less than the minimum order quantity or more than
     * the stock on hand. Decides only; {@link #reserve} takes the stock.
     *
     * @param buyer null for a guest
     */
    public ProductOffer offerTo(Actor buyer, int quantity) {
        requirePositive(quantity);
        if (!dz.zst.domain.catalog.Visibility.canSee(buyer, sellerId, sellerCategory)) {
            throw new BusinessRuleViolationException("Product " + id + " not found");
        }
        if (buyer != null && buyer.is(sellerId)) {
            throw new BusinessRuleViolationException("Product " + details.name() + " (" + id
                    + ") is your own: it can't be ordered");
        }
        if (quantity < details.minOrderQuantity()) {
            throw new BusinessRuleViolationException("Product " + details.name() + " (" + id
                    + ") has a minimum order quantity of " + details.minOrderQuantity() + ", " + quantity
                    + " requested");
        }
        requireStockFor(quantity);
        return new ProductOffer(id, sellerId, details.name(), primaryImage, details.price(), quantity);
    }

    /** Who sells it; set at creation and never changed, so any copy of the product answers it rightly. */
    public UserId sellerId() {
        return sellerId;
    }

    /** Takes {@code quantity} units for the order {@code reference}; never below zero. */
    public void reserve(int quantity, String reference) {
        requirePositive(quantity);
        requireStockFor(quantity);
        apply(new StockReservedEvent(id, quantity, stock - quantity, reference));
    }

    /** Gives back units an order had taken (cancel, return). */
    public void release(int quantity, String reference) {
        requirePositive(quantity);
        apply(new StockReleasedEvent(id, quantity, stock + quantity, reference));
    }

    private void requireStockFor(int quantity) {
        if (quantity > stock) {
            throw new InsufficientStockException(id, "Insufficient stock for product " + details.name() + " ("
                    + id + "): " + stock + " available, " + quantity + " requested");
        }
    }

    @EventSourcingHandler
    void on(ProductCreatedEvent event) {
        id = event.productId();
        sellerId = event.sellerId();
        sellerCategory = event.sellerCategory();
        details = event.details();
        stock = event.stock();
        imageCount = event.images().size();
        primaryImage = event.images().isEmpty() ? null : event.images().get(0).imageUrl();
    }

    @EventSourcingHandler
    void on(ProductDetailsChangedEvent event) {
        details = event.details();
        sellerCategory = event.sellerCategory();
    }

    @EventSourcingHandler
    void on(ProductStockAdjustedEvent event) {
        stock = event.stock();
    }

    @EventSourcingHandler
    void on(StockReservedEvent event) {
        stock = event.remaining();
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event) {
        stock = event.remaining();
    }

    @EventSourcingHandler
    void on(ProductImageAttachedEvent event) {
        imageCount++;
        if (primaryImage == null || event.image().isPrimary()) {
            primaryImage = event.image().imageUrl();
        }
    }

    @EventSourcingHandler
    void on(ProductDeletedEvent event) {
        markDeleted();
    }

    private void requireOwnerOrAdmin(Actor actor) {
        if (actor == null || !(actor.isAdmin() || actor.is(sellerId))) {
            throw new ForbiddenException("Only the product's seller or an admin can change it");
        }
    }

    /** A seller lists in its own tier; only an admin may list a product in another one. */
    private static SellerCategory listingTier(Actor actor, SellerCategory requested) {
        if (actor.isAdmin()) {
            return requested != null ? requested : SellerCategory.FOURNISSEUR;
        }
        if (requested != null && requested != actor.sellerCategory()) {
            throw new ForbiddenException("A " + actor.sellerCategory().wire() + " cannot list products as "
                    + requested.wire());
        }
        return actor.sellerCategory();
    }

    private static String slugFor(CreateProductCommand command) {
        return Slugs.kebab(command.details().name()) + "-" + command.productId().value().toString().substring(0, 8);
    }

    private static void requireStock(int stock) {
        if (stock < 0) {
            throw new IllegalArgumentException("stock must not be less than 0");
        }
    }

    private static void requirePositive(int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must not be less than 1");
        }
    }

    @Override
    public String toString() {
        return "Product[" + Objects.toString(id) + "]";
    }
}
