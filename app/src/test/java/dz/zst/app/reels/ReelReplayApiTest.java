package dz.zst.app.reels;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reels read model rebuilt from the event store through the ops route gives the same rows. */
class ReelReplayApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    /**
     * Every table of the read model. The trending score is a floating-point sum whose batches may
     * be cut differently in a rebuild, so it is compared to nine decimals.
     */
    private List<List<Map<String, Object>>> rows() {
        return List.of(
                jdbc.sql("SELECT id, product_id, seller_id, caption, video_url, video_storage_path, thumbnail_url,"
                        + " duration_seconds, file_size_bytes, likes_count, comments_count, views_count,"
                        + " round(trend_score::numeric, 9) AS trend, deleted, created_at, updated_at, position"
                        + " FROM reels ORDER BY id").query().listOfRows(),
                jdbc.sql("SELECT * FROM reel_likes ORDER BY id").query().listOfRows(),
                jdbc.sql("SELECT * FROM reel_comments ORDER BY id").query().listOfRows(),
                jdbc.sql("SELECT * FROM reel_viewers ORDER BY id").query().listOfRows());
    }

    @Test
    void rebuildGivesTheSameRowsAsBefore() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ReelKit kit = new ReelKit(baseUrl());
        String seller = TestUsers.seller(baseUrl(), "rreplay-" + run + "@zst.test", "fournisseur");
        String admin = TestUsers.admin(baseUrl());
        for (int r = 0; r < 3; r++) {
            String reel = kit.reel(seller, "Rejeu " + r + " " + run).get("id").asText();
            for (int u = 0; u < 4; u++) {
                String user = TestUsers.signIn(baseUrl(), "rreplay-" + u + "-" + run + "@zst.test");
                kit.like(user, reel);
                if (u % 2 == 0) {
                    kit.unlike(user, reel);
                }
                String comment = kit.comment(user, reel, "commentaire " + u).body().get("comment").get("id").asText();
                if (u == 3) {
                    ApiCalls.delete(baseUrl() + "/api/v1/reels/comments/" + comment, seller);
                }
                ApiCalls.post(baseUrl() + "/api/v1/reels/" + reel + "/view", user, null);
            }
            if (r == 2) {
                ApiCalls.delete(baseUrl() + "/api/v1/reels/" + reel, seller);
            }
        }
        List<List<Map<String, Object>>> before = rows();
        jdbc.sql("UPDATE reels SET likes_count = 999, views_count = 0").update();
        jdbc.sql("DELETE FROM reel_likes").update();
        assertThat(rows()).isNotEqualTo(before);

        ProjectionReplays.replay(baseUrl(), admin, "reels");
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "reels", this::rows, before, () -> { });
    }

}
