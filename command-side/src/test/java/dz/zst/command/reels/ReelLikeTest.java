package dz.zst.command.reels;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.domain.reels.ReelCommands.LikeReelCommand;
import dz.zst.domain.reels.ReelCommands.UnlikeReelCommand;
import dz.zst.domain.reels.ReelEvents.ReelLikedEvent;
import dz.zst.domain.reels.ReelEvents.ReelUnlikedEvent;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelLikeId;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.UserId;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReelLikeTest {

    private static final ReelId REEL = ReelId.random();
    private static final UserId USER = new UserId(UUID.randomUUID());
    private static final ReelLikeId LIKE = ReelLikeId.of(REEL, USER);

    private AggregateTestFixture<ReelLike> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReelLike.class);
    }

    @Test
    void oneUserLikesAReelThroughOneStreamOfItsOwn() {
        assertThat(ReelLikeId.of(REEL, USER)).isEqualTo(LIKE);
        assertThat(ReelLikeId.of(REEL, new UserId(UUID.randomUUID()))).isNotEqualTo(LIKE);
        assertThat(ReelLikeId.of(ReelId.random(), USER)).isNotEqualTo(LIKE);
    }

    @Test
    void theFirstLikeCounts() {
        fixture.givenNoPriorActivity()
                .when(LikeReelCommand.of(REEL, USER))
                .expectEvents(new ReelLikedEvent(LIKE, REEL, USER));
    }

    @Test
    void likingTwiceIsAConflictAndCountsOnce() {
        fixture.given(new ReelLikedEvent(LIKE, REEL, USER))
                .when(LikeReelCommand.of(REEL, USER))
                .expectException(ConflictException.class).expectExceptionMessage("Reel already liked")
                .expectNoEvents();
    }

    @Test
    void unlikingTakesTheLikeBack() {
        fixture.given(new ReelLikedEvent(LIKE, REEL, USER))
                .when(UnlikeReelCommand.of(REEL, USER))
                .expectEvents(new ReelUnlikedEvent(LIKE, REEL, USER));
    }

    @Test
    void unlikingAReelNeverLikedIsAConflict() {
        fixture.givenNoPriorActivity()
                .when(UnlikeReelCommand.of(REEL, USER))
                .expectException(ConflictException.class).expectExceptionMessage("Reel not liked")
                .expectNoEvents();
    }

    @Test
    void unlikingTwiceIsAConflict() {
        fixture.given(new ReelLikedEvent(LIKE, REEL, USER), new ReelUnlikedEvent(LIKE, REEL, USER))
                .when(UnlikeReelCommand.of(REEL, USER))
                .expectException(ConflictException.class).expectNoEvents();
    }

    @Test
    void aReelCanBeLikedAgainAfterAnUnlike() {
        fixture.given(new ReelLikedEvent(LIKE, REEL, USER), new ReelUnlikedEvent(LIKE, REEL, USER))
                .when(LikeReelCommand.of(REEL, USER))
                .expectEvents(new ReelLikedEvent(LIKE, REEL, USER));
    }
}
