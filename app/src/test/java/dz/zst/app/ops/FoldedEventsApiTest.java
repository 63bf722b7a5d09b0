package dz.zst.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.shared.AwaitReadModelQuery;
import dz.zst.domain.shared.ReadModel;
import dz.zst.query.shared.ReadYourWrites;
import dz.zst.query.shared.SegmentOwnership;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read-your-writes learns from memory that this node folded a write (FoldedEvents announcing each
 * committed batch to ReadYourWrites): by the time a write is answered, its processing group has
 * announced the aggregate at the position of its newest event in the event store; and a waiter on a
 * group this node folds whole barely reads the rows.
 */
class FoldedEventsApiTest extends ApiTestBase {

    @Autowired
    private FoldedEventsRecorder recorder;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private ReadYourWrites readYourWrites;
    @Autowired
    private ConsistentWrites writes;
    @Autowired
    private SegmentOwnership segments;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void aWriteIsAnsweredOnceItsGroupAnnouncedTheNewestEventOfItsAggregate() {
        String seller = seller("folded-");
        String id = product(seller, "Plié", 50);
        assertAnnounced("products", id);

        assertThat(ApiCalls.patch(baseUrl() + "/api/v1/products/" + id, seller, Map.of("price", 60)).status())
                .isEqualTo(200);
        assertAnnounced("products", id);
        assertThat(recorder.announced("users", id)).as("only the groups that handled it").isEqualTo(-1);
    }

    /**
     * A read model's group bumps its generation before it announces a batch, so a writer answered
     * by the announcement (which no longer bumps it itself) never leaves a cache serving the old rows.
     */
    @Test
    void aReadModelsGenerationIsBumpedBeforeItsBatchIsAnnounced() {
        String seller = seller("bumped-");
        String id = product(seller, "Bumped", 50);
        long before = recorder.generation("products");
        assertThat(ApiCalls.patch(baseUrl() + "/api/v1/products/" + id, seller, Map.of("price", 70)).status())
                .isEqualTo(200);
        assertAnnounced("products", id);
        assertThat(recorder.generationAnnouncing("products", id)).isGreaterThan(before);
    }

    /**
     * Only a read model that reads are cached by (products, users) has a generation to bump: the
     * others' batches are announced without one (a Redis round trip saved on every batch and, for
     * messages, on every send).
     */
    @Test
    void aReadModelNobodyCachesIsAnnouncedWithoutABump() {
        // A fournisseur's product: what shoppers may buy (a grossiste's is for fournisseurs).
        String seller = TestUsers.seller(baseUrl(), "uncached-" + UUID.randomUUID() + "@zst.test", "fournisseur");
        String product = product(seller, "Panier", 50);
        String buyer = TestUsers.signIn(baseUrl(), "uncached-" + UUID.randomUUID() + "@zst.test");
        long before = recorder.generation("carts");
        long announced = recorder.announcements("carts");
        assertThat(ReadModel.CARTS.cached()).isFalse();

        assertThat(ApiCalls.post(baseUrl() + "/api/v1/cart/items", buyer,
                Map.of("product_id", product, "quantity", 1)).status()).isEqualTo(201);

        // Announced after the batch's commit, possibly just after the writer saw the rows themselves.
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.announcements("carts") > announced);
        assertThat(recorder.generation("carts")).isEqualTo(before);
    }

    /** What writers await: per aggregate, the position of its newest event, as max(globalindex) says. */
    @Test
    void writersAwaitThePositionOfTheirAggregatesNewestEvent() {
        String seller = seller("newest-");
        String first = product(seller, "Premier", 50);
        String second = product(seller, "Second", 70);
        for (int price = 51; price <= 55; price++) {
            ApiCalls.patch(baseUrl() + "/api/v1/products/" + first, seller, Map.of("price", price));
        }
        String neverWritten = UUID.randomUUID().toString();

        assertThat(writes.newestPositions(List.of(first, second, neverWritten)))
                .containsOnly(Map.entry(first, newestPosition(first)), Map.entry(second, newestPosition(second)));
    }

    /**
     * On a node that folds a whole group, a waiter learns from the announcements and reads the rows
     * only every 250 ms as a safety net, not every 20 ms: a wait for a write that never comes, cut
     * after a second, read them a handful of times (about 50 at the 20 ms pace).
     */
    @Test
    void aWaiterOnAGroupThisNodeFoldsWholeReadsTheRowsOnlyAsASafetyNet() throws InterruptedException {
        String group = ReadModel.PRODUCTS.processingGroup();
        await().atMost(Duration.ofSeconds(10)).until(() -> segments.ownsAll(group));
        assertThat(databaseChecksOfAWaiter(ReadModel.PRODUCTS, 1000)).isBetween(1.0, 10.0);
    }

    /**
     * While another node may fold the group, a waiter reads the rows every 20 ms at most, but only
     * for the first second: a longer wait is a group nobody folds for now (a dead node's segments
     * being taken over), and the rows are then read every 250 ms. Three seconds of waiting read
     * them about 60 times (about 150 at the 20 ms pace, every writer of a node for the takeover's
     * whole length in bench/faults.sh's kill).
     */
    @Test
    void aWaiterOnAGroupNoNodeFoldsForNowSlowsItsReadsAfterASecond() throws InterruptedException {
        String group = ReadModel.CARTS.processingGroup();
        StreamingEventProcessor carts = processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> segments.ownsAll(group));
        carts.releaseSegment(0, 30, TimeUnit.SECONDS);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !segments.ownsAll(group));
            assertThat(databaseChecksOfAWaiter(ReadModel.CARTS, 3000)).isBetween(20.0, 95.0);
        } finally {
            carts.releaseSegment(0, 0, TimeUnit.MILLISECONDS);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> segments.ownsAll(group));
    }

    /**
     * ... and a write whose group folds it within the safety-net pause is answered from the
     * announcement alone: five writes read the rows fewer than five times (each had read them once,
     * at once, before the announcement could have come).
     */
    @Test
    void writesOnAGroupThisNodeFoldsWholeAreAnsweredWithoutReadingTheRows() {
        String group = ReadModel.PRODUCTS.processingGroup();
        await().atMost(Duration.ofSeconds(10)).until(() -> segments.ownsAll(group));
        String seller = seller("announced-");
        String id = product(seller, "Annoncé", 50);
        double before = databaseChecks();

        for (int price = 61; price <= 65; price++) {
            assertThat(ApiCalls.patch(baseUrl() + "/api/v1/products/" + id, seller, Map.of("price", price)).status())
                    .isEqualTo(200);
        }

        assertThat(databaseChecks() - before).isLessThan(5.0);
    }

    /**
     * How often the database was asked while one writer waited {@code millis} for an event of
     * {@code readModel} that never comes (then interrupted; it must have stopped).
     */
    private double databaseChecksOfAWaiter(ReadModel readModel, long millis) throws InterruptedException {
        double before = databaseChecks();
        Thread waiter = new Thread(() -> {
            try {
                readYourWrites.await(AwaitReadModelQuery.of(readModel, UUID.randomUUID().toString(), 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        sleep(millis);
        waiter.interrupt();
        waiter.join(10_000);
        assertThat(waiter.isAlive()).isFalse();
        return databaseChecks() - before;
    }

    private double databaseChecks() {
        return meters.get("zst.read_your_writes.database_checks").counter().count();
    }

    private String seller(String emailPrefix) {
        return TestUsers.seller(baseUrl(), emailPrefix + UUID.randomUUID() + "@zst.test", "grossiste");
    }

    private String product(String seller, String name, int price) {
        return ApiCalls.post(baseUrl() + "/api/v1/products", seller, Map.of("name", name + " " + UUID.randomUUID(),
                "price", price, "stock", 5, "category", "home")).body().get("id").asText();
    }

    /** Announced after the batch's commit, so possibly just after a waiter saw the rows themselves. */
    private void assertAnnounced(String group, String aggregateId) {
        long newest = newestPosition(aggregateId);
        for (int i = 0; i < 100 && recorder.announced(group, aggregateId) < newest; i++) {
            sleep(20);
        }
        assertThat(recorder.announced(group, aggregateId)).isEqualTo(newest);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long newestPosition(String aggregateId) {
        return jdbc.sql("SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(aggregateId).query(Long.class).single();
    }
}
