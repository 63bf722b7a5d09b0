package dz.zst.app.reels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.TwoNodeApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.domain.shared.AuditMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many users like one reel at the same moment, through two nodes sharing the database, and each
 * of them taps four times at once, twice on each node (two taps of one user race on one node and
 * across nodes): every user's like counts exactly once, the other taps are 409s, nothing fails,
 * the event store, the like rows and the reel's counter agree, and each stored like carries the
 * actor and request id of the request that made it.
 */
class ReelLikeConcurrencyTest extends TwoNodeApiTestBase {

    private static final int USERS = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private JdbcClient jdbc;

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
                for (ReelKit node : new ReelKit[] {nodes[0], nodes[1], nodes[0], nodes[1]}) {
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
            assertThat(byStatus.get(409)).isEqualTo(3L * USERS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(nodes[0].get(null, reelId).body().get("likes_count").asLong()).isEqualTo(USERS);
        assertThat(nodes[1].get(null, reelId).body().get("likes_count").asLong()).isEqualTo(USERS);
        assertThat(jdbc.sql("SELECT count(*) FROM reel_likes WHERE reel_id = ? AND liked")
                .param(UUID.fromString(reelId)).query(Long.class).single()).isEqualTo(USERS);
        List<String[]> stored = jdbc.sql("SELECT convert_from(payload, 'UTF8'), convert_from(metadata, 'UTF8') "
                        + "FROM domainevententry WHERE payloadtype LIKE '%ReelLikedEvent' "
                        + "AND convert_from(payload, 'UTF8') LIKE ?")
                .param("%" + reelId + "%")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        assertThat(stored).hasSize(USERS);
        Set<String> requests = new HashSet<>();
        for (String[] event : stored) {
            JsonNode metadata = JSON.readTree(event[1]);
            assertThat(event[0]).contains(metadata.get(AuditMetadata.ACTOR_ID).asText());
            requests.add(metadata.get(AuditMetadata.REQUEST_ID).asText());
        }
        assertThat(requests).hasSize(USERS);
    }
}
