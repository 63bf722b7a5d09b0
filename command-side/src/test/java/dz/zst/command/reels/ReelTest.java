package dz.zst.command.reels;

import dz.zst.domain.reels.ReelCommands.ChangeReelCaptionCommand;
import dz.zst.domain.reels.ReelCommands.DeleteReelCommand;
import dz.zst.domain.reels.ReelCommands.PublishReelCommand;
import dz.zst.domain.reels.ReelEvents.ReelCaptionChangedEvent;
import dz.zst.domain.reels.ReelEvents.ReelDeletedEvent;
import dz.zst.domain.reels.ReelEvents.ReelPublishedEvent;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelVideo;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReelTest {

    private static final ReelId REEL = ReelId.random();
    private static final ProductId PRODUCT = ProductId.random();
    private static final Actor SELLER = new Actor(new UserId(UUID.randomUUID()), Role.SELLER, SellerCategory.FOURNISSEUR);
    private static final Actor OTHER_SELLER = new Actor(new UserId(UUID.randomUUID()), Role.SELLER,
            SellerCategory.FOURNISSEUR);
    private static final Actor CUSTOMER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);
    private static final ReelVideo VIDEO = new ReelVideo("https://cdn.zst.test/reels/a.mp4", "reels/a.mp4",
            null, 15, 1_000_000L);

    private AggregateTestFixture<Reel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Reel.class);
    }

    private static ReelPublishedEvent published() {
        return new ReelPublishedEvent(REEL, PRODUCT, SELLER.userId(), VIDEO, "Nouveau parfum");
    }

    @Test
    void publishesAReelForTheSellersOwnProductWithATrimmedCaption() {
        fixture.givenNoPriorActivity()
                .when(new PublishReelCommand(REEL, SELLER, PRODUCT, SELLER.userId(), VIDEO, "  Nouveau parfum "))
                .expectEvents(published());
    }

    @Test
    void aBlankCaptionIsNoCaption() {
        fixture.givenNoPriorActivity()
                .when(new PublishReelCommand(REEL, SELLER, PRODUCT, SELLER.userId(), VIDEO, "   "))
                .expectEvents(new ReelPublishedEvent(REEL, PRODUCT, SELLER.userId(), VIDEO, null));
    }

    @Test
    void refusesAReelForSomeoneElsesProduct() {
        fixture.givenNoPriorActivity()
                .when(new PublishReelCommand(REEL, OTHER_SELLER, PRODUCT, SELLER.userId(), VIDEO, null))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    @Test
    void refusesAReelFromACustomerOrAnAdmin() {
        fixture.givenNoPriorActivity()
                .when(new PublishReelCommand(REEL, CUSTOMER, PRODUCT, CUSTOMER.userId(), VIDEO, null))
                .expectException(ForbiddenException.class);
        fixture.givenNoPriorActivity()
                .when(new PublishReelCommand(REEL, ADMIN, PRODUCT, SELLER.userId(), VIDEO, null))
                .expectException(ForbiddenException.class);
    }

    @Test
    void refusesACaptionOver500Characters() {
        fixture.givenNoPriorActivity()
                .when(new PublishReelCommand(REEL, SELLER, PRODUCT, SELLER.userId(), VIDEO, "x".repeat(501)))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void theOwnerChangesTheCaption() {
        fixture.given(published())
                .when(new ChangeReelCaptionCommand(REEL, SELLER, "Promo -20 %"))
                .expectEvents(new ReelCaptionChangedEvent(REEL, "Promo -20 %"));
    }

    @Test
    void anUnchangedCaptionChangesNothing() {
        fixture.given(published())
                .when(new ChangeReelCaptionCommand(REEL, SELLER, "Nouveau parfum "))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void nobodyElseChangesTheCaptionNotEvenAnAdmin() {
        fixture.given(published())
                .when(new ChangeReelCaptionCommand(REEL, OTHER_SELLER, "mine"))
                .expectException(ForbiddenException.class);
        fixture.given(published())
                .when(new ChangeReelCaptionCommand(REEL, ADMIN, "moderated"))
                .expectException(ForbiddenException.class);
    }

    @Test
    void theOwnerOrAnAdminDeletesTheReel() {
        fixture.given(published())
                .when(new DeleteReelCommand(REEL, SELLER))
                .expectEvents(new ReelDeletedEvent(REEL, SELLER.userId()));
        fixture.given(published())
                .when(new DeleteReelCommand(REEL, ADMIN))
                .expectEvents(new ReelDeletedEvent(REEL, ADMIN.userId()));
    }

    @Test
    void anotherSellerCannotDeleteTheReel() {
        fixture.given(published())
                .when(new DeleteReelCommand(REEL, OTHER_SELLER))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    @Test
    void aDeletedReelTakesNoMoreCommands() {
        fixture.given(published(), new ReelDeletedEvent(REEL, SELLER.userId()))
                .when(new ChangeReelCaptionCommand(REEL, SELLER, "again"))
                .expectException(AggregateNotFoundException.class);
    }
}
