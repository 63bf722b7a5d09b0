package dz.zst.projection.reels;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.reels.ReelKit;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.domain.reels.ReelEvents.ReelLikedEvent;
import dz.zst.domain.reels.ReelEvents.ReelUnlikedEvent;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelLikeId;
import dz.zst.domain.shared.UserId;
import dz.zst.query.reels.FoldedReelCounters;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The like rows and like counts a reels batch writes at its commit, against the real database:
 * several events of one like stream in one batch, redelivered batches and older events count
 * exactly once, and the committed counters are announced with the batch's token. The projection's
 * handlers are called directly, inside a unit of work as the processor would, on a reel published
 * through the API (positions far above the event store's, so the live processor never competes).
 */
class ReelCountersTest extends ApiTestBase {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    private ReelProjection projection;
    @Autowired
    private FoldedReelCounters folded;
    @Autowired
    private JdbcClient jdbc;

    private ReelId reel;
    private long base;
    private double publishedTrend;

    @BeforeEach
    void publishReel() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "rcounters-" + run + "@zst.test", "fournisseur");
        reel = ReelId.of(new ReelKit(baseUrl()).reel(seller, "Compteurs " + run).get("id").asText());
        publishedTrend = jdbc.sql("SELECT trend_score FROM reels WHERE id = ?").param(reel.value())
                .query(Double.class).single();
        base = 1_000_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) * 100;
    }

    /**
     * Puts the reel's row back as the event store has it and removes the made-up like rows: a
     * rebuild test on this shared platform compares the whole read model with its rebuild.
     */
    @AfterEach
    void restoreReel() {
        jdbc.sql("DELETE FROM reel_likes WHERE reel_id = ?").param(reel.value()).update();
        jdbc.sql("UPDATE reels SET likes_count = 0, trend_score = ? WHERE id = ?")
                .param(publishedTrend).param(reel.value()).update();
    }

    private long likesCount() {
        return jdbc.sql("SELECT likes_count FROM reels WHERE id = ?").param(reel.value()).query(Long.class).single();
    }

    private Map<String, Object> row(UserId user) {
        return jdbc.sql("SELECT liked, position FROM reel_likes WHERE id = ?")
                .param(ReelLikeId.of(reel, user).value()).query().singleRow();
    }

    /** Runs {@code handlers} as one batch whose newest event is at {@code newest}, and commits it. */
    private void batch(long newest, Consumer<ReelProjection> handlers) {
        TrackingToken token = new GlobalSequenceTrackingToken(newest);
        var message = new GenericTrackedDomainEventMessage<>(token,
                new GenericDomainEventMessage<>("ReelLike", UUID.randomUUID().toString(), 0, "batch"));
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        handlers.accept(projection);
        unitOfWork.commit();
    }

    private void liked(ReelProjection p, UserId user, long position) {
        p.on(new ReelLikedEvent(ReelLikeId.of(reel, user), reel, user), AT, new GlobalSequenceTrackingToken(position));
    }

    private void unliked(ReelProjection p, UserId user, long position) {
        p.on(new ReelUnlikedEvent(ReelLikeId.of(reel, user), reel, user), AT, new GlobalSequenceTrackingToken(position));
    }

    @Test
    void aStreamsEventsInOneBatchCountOnceAndRedeliveriesNever() {
        UserId a = UserId.of(UUID.randomUUID().toString());
        UserId b = UserId.of(UUID.randomUUID().toString());
        Consumer<ReelProjection> first = p -> {
            liked(p, a, base + 1);
            unliked(p, a, base + 2);
            liked(p, a, base + 3);
            liked(p, b, base + 4);
        };
        batch(base + 4, first);
        assertThat(likesCount()).isEqualTo(2);
        assertThat(row(a)).containsEntry("liked", true).containsEntry("position", base + 3);
        assertThat(row(b)).containsEntry("liked", true).containsEntry("position", base + 4);

        batch(base + 4, first);
        batch(base + 4, p -> unliked(p, a, base + 2));
        assertThat(likesCount()).isEqualTo(2);
        assertThat(row(a)).containsEntry("liked", true).containsEntry("position", base + 3);

        batch(base + 6, p -> {
            unliked(p, a, base + 5);
            unliked(p, b, base + 6);
            liked(p, b, base + 3);
        });
        assertThat(likesCount()).isZero();
        assertThat(row(b)).containsEntry("liked", false).containsEntry("position", base + 6);
    }

    @Test
    void committedCountersAreAnnouncedWithTheBatchToken() {
        UserId a = UserId.of(UUID.randomUUID().toString());
        UserId b = UserId.of(UUID.randomUUID().toString());
        assertThat(folded.including(reel, base + 2)).isEmpty();

        batch(base + 2, p -> {
            liked(p, a, base + 1);
            liked(p, b, base + 2);
        });
        assertThat(folded.including(reel, base + 2)).hasValueSatisfying(stats -> {
            assertThat(stats.likesCount()).isEqualTo(2);
            assertThat(stats.reelId()).isEqualTo(reel.toString());
        });
        assertThat(folded.including(reel, base + 3)).as("a later event is not included").isEmpty();

        batch(base + 3, p -> unliked(p, a, base + 3));
        assertThat(folded.including(reel, base + 3)).hasValueSatisfying(
                stats -> assertThat(stats.likesCount()).isEqualTo(1));

        // A batch that changes nothing (a redelivery) announces nothing and keeps the newer entry.
        batch(base + 2, p -> liked(p, b, base + 2));
        assertThat(folded.including(reel, base + 3)).hasValueSatisfying(
                stats -> assertThat(stats.likesCount()).isEqualTo(1));
        assertThat(likesCount()).isEqualTo(1);
    }
}
