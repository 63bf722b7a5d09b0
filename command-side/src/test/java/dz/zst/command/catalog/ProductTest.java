package dz.zst.command.catalog;

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
import dz.zst.domain.catalog.Category;
import dz.zst.domain.catalog.ProductDetails;
import dz.zst.domain.catalog.ProductImage;
import dz.zst.domain.catalog.ProductPatch;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static final ProductId ID = new ProductId(UUID.fromString("3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"));
    private static final Actor SELLER = new Actor(new UserId(UUID.randomUUID()), Role.SELLER, SellerCategory.GROSSISTE);
    private static final Actor OTHER_SELLER = new Actor(new UserId(UUID.randomUUID()), Role.SELLER, SellerCategory.GROSSISTE);
    private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);
    private static final Actor CUSTOMER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final ProductDetails DETAILS = details("Parfum Élégance", new BigDecimal("4500.00"));

    private AggregateTestFixture<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
    }

    private static ProductDetails details(String name, BigDecimal price) {
        return new ProductDetails(name, "Zahra", "Un parfum", null, Category.PERFUME, null, price, null, 1, true,
                false, null, List.of(), null, null, null, null, null, null, null, List.of("oud"), null, null, null);
    }

    private static ProductCreatedEvent created(int stock) {
        return new ProductCreatedEvent(ID, SELLER.userId(), SellerCategory.GROSSISTE, "parfum-elegance-3f1c2d4e",
                DETAILS, stock, List.of());
    }

    private static ProductPatch patch(String name, Integer stock) {
        return new ProductPatch(name, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, stock);
    }

    @Test
    void sellerCreatesProductInOwnTierWithKebabSlug() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(ID, SELLER, null, DETAILS, 10, List.of("https://cdn/x.jpg")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductCreatedEvent(ID, SELLER.userId(), SellerCategory.GROSSISTE,
                        "parfum-elegance-3f1c2d4e", DETAILS, 10,
                        List.of(new ProductImage(ID.value() + "-0", "https://cdn/x.jpg", null, null, true, 0))));
    }

    @Test
    void rejectsSellerClaimingAnotherTier() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(ID, SELLER, SellerCategory.FOURNISSEUR, DETAILS, 10, List.of()))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void adminMayListInAnyTier() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(ID, ADMIN, SellerCategory.IMPORTATEUR, DETAILS, 0, List.of()))
                .expectEvents(new ProductCreatedEvent(ID, ADMIN.userId(), SellerCategory.IMPORTATEUR,
                        "parfum-elegance-3f1c2d4e", DETAILS, 0, List.of()));
    }

    @Test
    void rejectsProductFromCustomer() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(ID, CUSTOMER, null, DETAILS, 1, List.of()))
                .expectException(ForbiddenException.class);
    }

    @Test
    void rejectsNegativeStock() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(ID, SELLER, null, DETAILS, -1, List.of()))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsNegativePriceAndShortName() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(ID, SELLER, null, details("Parfum", new BigDecimal("-1")), 1, List.of()))
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(ID, SELLER, null, details("ab", BigDecimal.ONE), 1, List.of()))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void ownerUpdatesDetailsAndStock() {
        fixture.given(created(5))
                .when(new UpdateProductCommand(ID, SELLER, patch("Parfum Nuit", 8), null))
                .expectEvents(new ProductDetailsChangedEvent(ID, details("Parfum Nuit", new BigDecimal("4500.00")),
                        SellerCategory.GROSSISTE), new ProductStockAdjustedEvent(ID, 8));
    }

    @Test
    void unchangedPatchEmitsNothing() {
        fixture.given(created(5))
                .when(new UpdateProductCommand(ID, SELLER, patch(DETAILS.name(), 5), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsUpdateByAnotherSeller() {
        fixture.given(created(5))
                .when(new UpdateProductCommand(ID, OTHER_SELLER, patch("Parfum Vol", null), null))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void adminUpdatesAnyProduct() {
        fixture.given(created(5))
                .when(new UpdateProductCommand(ID, ADMIN, patch(null, 0), null))
                .expectEvents(new ProductStockAdjustedEvent(ID, 0));
    }

    @Test
    void ownerDeletesAndDeletedProductRefusesCommands() {
        fixture.given(created(5))
                .when(new DeleteProductCommand(ID, SELLER))
                .expectEvents(new ProductDeletedEvent(ID))
                .expectMarkedDeleted();
        fixture.given(created(5), new ProductDeletedEvent(ID))
                .when(new ReserveStockCommand(ID, 1, "order-1"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void rejectsDeleteByCustomer() {
        fixture.given(created(5))
                .when(new DeleteProductCommand(ID, CUSTOMER))
                .expectException(ForbiddenException.class);
    }

    @Test
    void reservesStockDownToZero() {
        fixture.given(created(3))
                .when(new ReserveStockCommand(ID, 3, "order-1"))
                .expectEvents(new StockReservedEvent(ID, 3, 0, "order-1"));
    }

    @Test
    void rejectsReservationBeyondStock() {
        fixture.given(created(3), new StockReservedEvent(ID, 2, 1, "order-1"))
                .when(new ReserveStockCommand(ID, 2, "order-2"))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("Parfum Élégance"))
                .expectNoEvents();
    }

    @Test
    void rejectsNonPositiveReservation() {
        fixture.given(created(3))
                .when(new ReserveStockCommand(ID, 0, "order-1"))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void releasesStockBack() {
        fixture.given(created(3), new StockReservedEvent(ID, 3, 0, "order-1"))
                .when(new ReleaseStockCommand(ID, 2, "order-1"))
                .expectEvents(new StockReleasedEvent(ID, 2, 2, "order-1"));
    }

    @Test
    void firstAttachedImageBecomesPrimary() {
        fixture.given(created(1))
                .when(new AttachProductImageCommand(ID, SELLER, "img-1", "/media/a.jpg", "/media/a-thumb.jpg", "a.jpg"))
                .expectEvents(new ProductImageAttachedEvent(ID,
                        new ProductImage("img-1", "/media/a.jpg", "/media/a-thumb.jpg", "a.jpg", true, 0)));
    }

    @Test
    void laterImagesAreNotPrimary() {
        fixture.given(created(1), new ProductImageAttachedEvent(ID,
                        new ProductImage("img-1", "/media/a.jpg", null, "a.jpg", true, 0)))
                .when(new AttachProductImageCommand(ID, SELLER, "img-2", "/media/b.jpg", null, "b.jpg"))
                .expectEvents(new ProductImageAttachedEvent(ID,
                        new ProductImage("img-2", "/media/b.jpg", null, "b.jpg", false, 1)));
    }

    @Test
    void rejectsImageFromStranger() {
        fixture.given(created(1))
                .when(new AttachProductImageCommand(ID, OTHER_SELLER, "img-1", "/media/a.jpg", null, "a.jpg"))
                .expectException(ForbiddenException.class);
    }
}
