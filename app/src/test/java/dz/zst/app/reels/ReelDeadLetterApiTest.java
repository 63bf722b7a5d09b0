package dz.zst.app.reels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.PoisonedTables;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A write the reels read model makes for a whole batch, after its handlers (the reels' counters),
 * fails for one reel: only that reel's sequence is parked, likes of other reels in the same batches
 * keep being folded. The fault is a real failing statement: a trigger refuses any rise of one reel's
 * like count inside the batch's transaction.
 */
class ReelDeadLetterApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    private void poison(String reelId) {
        PoisonedTables.poison(jdbc, "reels", "UPDATE",
                "NEW.id = '" + reelId + "'::uuid AND NEW.likes_count > OLD.likes_count", "poisoned reel");
    }

    @AfterEach
    void cure() {
        PoisonedTables.cure(jdbc, "reels");
    }

    /**
     * The rows without their position column: likes sent at once commit out of index order, and a
     * live processor folds an event that fills such a gap at its token's index (the highest seen),
     * where a rebuild, reading in index order, folds it at its own. That holds with or without dead
     * letters; what a retry must give is every row and value of a clean rebuild.
     */
    private List<List<Map<String, Object>>> rows(List<String> reelIds) {
        UUID[] ids = reelIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        return List.of(
                jdbc.sql("SELECT id, likes_count, comments_count, views_count, round(trend_score::numeric, 9) AS trend"
                        + " FROM reels WHERE id = ANY(?) ORDER BY id").param(ids).query().listOfRows(),
                jdbc.sql("SELECT id, reel_id, user_id, liked, liked_at FROM reel_likes WHERE reel_id = ANY(?) ORDER BY id")
                        .param(ids).query().listOfRows());
    }

    private JsonNode deadLetters(String admin) {
        return PoisonedTables.deadLetters(baseUrl(), admin, "reels");
    }

    @Test
    void aFailedBatchWriteParksOnlyTheReelItBelongsTo() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ReelKit kit = new ReelKit(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "dlq-reels-" + run + "@zst.test", "fournisseur");
        String admin = TestUsers.admin(baseUrl());
        String poisoned = kit.reel(seller, "Reel Poison " + run).get("id").asText();
        String healthy = kit.reel(seller, "Reel Sain " + run).get("id").asText();
        List<String> fans = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fans.add(TestUsers.signIn(baseUrl(), "dlq-fan-" + i + "-" + run + "@zst.test"));
        }
        poison(poisoned);

        // Likes of both reels at once, so they share batches: the healthy reel's all count.
        ExecutorService tapping = Executors.newFixedThreadPool(12);
        List<CompletableFuture<Response>> healthyLikes = new ArrayList<>();
        List<CompletableFuture<Response>> poisonedLikes = new ArrayList<>();
        for (String fan : fans) {
            healthyLikes.add(CompletableFuture.supplyAsync(() -> kit.like(fan, healthy), tapping));
            poisonedLikes.add(CompletableFuture.supplyAsync(() -> kit.like(fan, poisoned), tapping));
        }
        healthyLikes.forEach(like -> assertThat(like.join().status()).as(like.join().raw()).isEqualTo(200));
        poisonedLikes.forEach(like -> assertThat(like.join().status()).as(like.join().raw()).isEqualTo(503));
        tapping.shutdown();
        assertThat(kit.get(null, healthy).body().get("likes_count").asLong()).isEqualTo(fans.size());

        // One sequence parked, the poisoned reel's, holding its six likes; the counter never rose.
        // A like is answered as soon as its reel's sequence is known to be parked, a moment before it joins it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deadLetters(admin)).hasSize(fans.size()));
        JsonNode letters = deadLetters(admin);
        assertThat(letters.findValuesAsText("sequence")).as("one sequence: the reel's").containsOnly(
                letters.get(0).get("sequence").asText());
        assertThat(letters.findValuesAsText("event_type")).containsOnly("ReelEvents.ReelLikedEvent");
        for (JsonNode letter : letters) {
            assertThat(letter.get("position").asLong()).as("the letter's position is its event's: " + letter)
                    .isEqualTo(jdbc.sql("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?")
                            .param(letter.get("aggregate_id").asText()).query(Long.class).single());
        }
        assertThat(letters.get(0).get("cause_message").asText()).contains("poisoned reel");
        assertThat(kit.get(null, poisoned).body().get("likes_count").asLong()).isZero();
        String latecomer = TestUsers.signIn(baseUrl(), "dlq-fan-late-" + run + "@zst.test");
        assertThat(kit.like(latecomer, healthy).status()).isEqualTo(200);

        // Fixed and retried: the same rows as a clean rebuild.
        cure();
        PoisonedTables.retried(baseUrl(), admin, "reels");
        assertThat(kit.get(null, poisoned).body().get("likes_count").asLong()).isEqualTo(fans.size());
        List<List<Map<String, Object>>> retriedRows = rows(List.of(poisoned, healthy));
        ProjectionReplays.replay(baseUrl(), admin, "reels");
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "reels", () -> rows(List.of(poisoned, healthy)), retriedRows,
                () -> { });
    }
}
