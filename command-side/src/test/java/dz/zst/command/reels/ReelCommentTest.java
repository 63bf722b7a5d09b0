package dz.zst.command.reels;

import dz.zst.domain.reels.ReelCommands.DeleteReelCommentCommand;
import dz.zst.domain.reels.ReelCommands.EditReelCommentCommand;
import dz.zst.domain.reels.ReelCommands.PostReelCommentCommand;
import dz.zst.domain.reels.ReelCommentId;
import dz.zst.domain.reels.ReelEvents.ReelCommentDeletedEvent;
import dz.zst.domain.reels.ReelEvents.ReelCommentEditedEvent;
import dz.zst.domain.reels.ReelEvents.ReelCommentPostedEvent;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReelCommentTest {

    private static final ReelCommentId COMMENT = ReelCommentId.random();
    private static final ReelId REEL = ReelId.random();
    private static final Actor AUTHOR = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final Actor REEL_SELLER = new Actor(new UserId(UUID.randomUUID()), Role.SELLER,
            SellerCategory.FOURNISSEUR);
    private static final Actor STRANGER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);

    private AggregateTestFixture<ReelComment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReelComment.class);
    }

    private static ReelCommentPostedEvent posted() {
        return new ReelCommentPostedEvent(COMMENT, REEL, REEL_SELLER.userId(), AUTHOR.userId(), "Magnifique !");
    }

    @Test
    void postsATrimmedComment() {
        fixture.givenNoPriorActivity()
                .when(new PostReelCommentCommand(COMMENT, REEL, REEL_SELLER.userId(), AUTHOR, "  Magnifique ! "))
                .expectEvents(posted());
    }

    @Test
    void refusesAnEmptyOrTooLongComment() {
        fixture.givenNoPriorActivity()
                .when(new PostReelCommentCommand(COMMENT, REEL, REEL_SELLER.userId(), AUTHOR, "   "))
                .expectException(IllegalArgumentException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new PostReelCommentCommand(COMMENT, REEL, REEL_SELLER.userId(), AUTHOR, "x".repeat(501)))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void onlyTheAuthorEditsTheComment() {
        fixture.given(posted())
                .when(new EditReelCommentCommand(COMMENT, AUTHOR, "Très beau"))
                .expectEvents(new ReelCommentEditedEvent(COMMENT, REEL, "Très beau"));
        fixture.given(posted())
                .when(new EditReelCommentCommand(COMMENT, REEL_SELLER, "Très beau"))
                .expectException(ForbiddenException.class).expectNoEvents();
        fixture.given(posted())
                .when(new EditReelCommentCommand(COMMENT, ADMIN, "Très beau"))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    @Test
    void theAuthorTheReelsSellerOrAnAdminDeletesTheComment() {
        for (Actor actor : new Actor[] {AUTHOR, REEL_SELLER, ADMIN}) {
            fixture.given(posted())
                    .when(new DeleteReelCommentCommand(COMMENT, actor))
                    .expectEvents(new ReelCommentDeletedEvent(COMMENT, REEL, actor.userId()));
        }
    }

    @Test
    void aStrangerCannotDeleteTheComment() {
        fixture.given(posted())
                .when(new DeleteReelCommentCommand(COMMENT, STRANGER))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    @Test
    void aDeletedCommentCannotBeEdited() {
        fixture.given(posted(), new ReelCommentDeletedEvent(COMMENT, REEL, AUTHOR.userId()))
                .when(new EditReelCommentCommand(COMMENT, AUTHOR, "back"))
                .expectException(AggregateNotFoundException.class);
    }
}
