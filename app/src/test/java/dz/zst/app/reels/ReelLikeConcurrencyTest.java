package dz.zst.app.reels;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.SecondNode;
import dz.zst.app.support.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many users like one reel at the same moment, through two nodes sharing the database, and each
 * of them double-taps (both taps at once, one on each node): every user's like counts exactly
 * once, the second tap is a 409, nothing fails, and the event store, the like rows and the
 * reel's counter agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReelLikeConcurrencyTest extends ApiTestBase {

    private static final int USERS = 80;

    @Autowired
    private JdbcClient jdbc;
    private SecondNode second;

    @BeforeAll
    void startSecondNode() {
        second = new SecondNode(environment);
    }

    @AfterAll
    void stopSecondNode() {
        second.close();
    }

    @Test
    void everyUsersLikeCountsExactlyOnceWhateverTheConcurrency() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "reel-hot-" + run + "@zst.test", "fournisseur");
        String reelId = new ReelKit(baseUrl()).reel(seller, "Viral " + run).get("id").asText();
        List<String> users = IntStream.range(0, USERS).parallel()
                .mapToObj(i -> TestUsers.signIn(baseUrl(), "reel-hot-" + i + "-" + run + "@zst.test")).toList();
        ReelKit[] nodes = {new ReelKit(baseUrl()), new ReelKit(second.baseUrl())};

        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> taps = new ArrayList<>();
        try {
            for (String user : users) {
                for (ReelKit node : nodes) {
                    taps.add(pool.submit(() -> {
                        start.await();
                        Response response = node.like(user, reelId);
                        return response.status();
                    }));
                }
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> tap : taps) {
                statuses.add(tap.get());
            }
            Map<Integer, Long> byStatus = statuses.stream()
                    .collect(Collectors.groupingBy(status -> status, Collectors.counting()));
            assertThat(byStatus).containsOnlyKeys(200, 409);
            assertThat(byStatus.get(200)).isEqualTo(USERS);
            assertThat(byStatus.get(409)).isEqualTo(USERS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(nodes[0].get(null, reelId).body().get("likes_count").asLong()).isEqualTo(USERS);
        assertThat(nodes[1].get(null, reelId).body().get("likes_count").asLong()).isEqualTo(USERS);
        assertThat(jdbc.sql("SELECT count(*) FROM reel_likes WHERE reel_id = ? AND liked")
                .param(UUID.fromString(reelId)).query(Long.class).single()).isEqualTo(USERS);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%ReelLikedEvent' "
                        + "AND convert_from(payload, 'UTF8') LIKE ?")
                .param("%" + reelId + "%").query(Long.class).single()).isEqualTo(USERS);
    }
}
