package dz.zst.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ApiCalls;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * The ops routes over the running platform's real processors and event store. Admin identity is
 * handed to the controller directly (no token issuer in this branch); over HTTP without a token the
 * routes must refuse.
 */
class ProjectionAdminApiTest extends ApiTestBase {

    private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);
    private static final Actor CUSTOMER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);

    @Autowired
    private ProjectionAdminController controller;

    @Autowired
    private EventGateway events;

    @Autowired
    private JdbcClient jdbc;

    @BeforeEach
    void table() {
        jdbc.sql(LedgerTestProjection.TABLE_DDL).update();
    }

    private List<Map<String, Object>> ledger() {
        return jdbc.sql("SELECT id, amount FROM ops_test_ledger ORDER BY id").query().listOfRows();
    }

    private ProjectionStatus status(String name) {
        return controller.list(ADMIN).stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void replayRebuildsTheReadModelFromTheEventStoreWhileTheApiKeepsAnswering() throws Exception {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 25; i++) {
            events.publish(new LedgerTestProjection.LedgerEntryRecorded(batch + "-" + i, i * 100L));
        }
        await("projection catches up", () -> jdbc.sql("SELECT count(*) FROM ops_test_ledger WHERE id LIKE ?")
                .param(batch + "-%").query(Long.class).single() == 25);
        await("lag back to zero", () -> status(LedgerTestProjection.GROUP).lag() == 0);
        List<Map<String, Object>> before = ledger();
        int resets = LedgerTestProjection.RESETS.get();

        ResponseEntity<Map<String, String>> accepted = controller.replay(ADMIN, LedgerTestProjection.GROUP);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getBody()).containsEntry("name", LedgerTestProjection.GROUP).containsKey("message");
        await("reset handler ran", () -> LedgerTestProjection.RESETS.get() > resets);
        assertThat(ApiCalls.get(baseUrl() + "/api/health", null).status()).isEqualTo(200);
        await("rebuilt and caught up", () -> {
            ProjectionStatus status = status(LedgerTestProjection.GROUP);
            return !status.replaying() && status.lag() == 0 && ledger().equals(before);
        });
        assertThat(ledger()).isEqualTo(before);
        assertThat(status(LedgerTestProjection.GROUP).status()).isEqualTo(ProjectionStatus.RUNNING);
    }

    @Test
    void listsEveryProcessingGroupWithSegmentsPositionsHeadAndDeadLetters() throws Exception {
        events.publish(new LedgerTestProjection.LedgerEntryRecorded("list-" + UUID.randomUUID(), 1));
        await("caught up", () -> status(LedgerTestProjection.GROUP).lag() == 0);
        List<ProjectionStatus> all = controller.list(ADMIN);

        assertThat(all).extracting(ProjectionStatus::name)
                .contains(LedgerTestProjection.GROUP, SideEffectTestHandler.GROUP);
        ProjectionStatus ledger = status(LedgerTestProjection.GROUP);
        long head = jdbc.sql("SELECT max(globalindex) FROM domainevententry").query(Long.class).single();
        assertThat(ledger.head()).isGreaterThanOrEqualTo(head);
        assertThat(ledger.position()).isEqualTo(ledger.head());
        assertThat(ledger.segments()).isNotEmpty()
                .allSatisfy(segment -> assertThat(segment.position()).isLessThanOrEqualTo(ledger.head()));
        assertThat(ledger.segments()).extracting(ProjectionStatus.SegmentStatus::segment).doesNotHaveDuplicates();
        assertThat(ledger.deadLetters()).isZero();
        assertThat(ledger.status()).isIn(ProjectionStatus.RUNNING, ProjectionStatus.REPLAYING);
    }

    @Test
    void unknownProjectionIsNotFoundAndAReplayForbiddenGroupIsAConflict() {
        assertThatThrownBy(() -> controller.replay(ADMIN, "no-such-projection")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> controller.replay(ADMIN, SideEffectTestHandler.GROUP))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void onlyAdminsMayUseTheOpsRoutes() {
        assertThatThrownBy(() -> controller.list(CUSTOMER)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> controller.replay(CUSTOMER, LedgerTestProjection.GROUP))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> controller.list(null)).isInstanceOf(AuthenticationCredentialsNotFoundException.class);

        ApiCalls.Response anonymous = ApiCalls.get(baseUrl() + "/api/v1/admin/projections", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        ApiCalls.Response anonymousReplay = ApiCalls.postJson(baseUrl() + "/api/v1/admin/projections/"
                + LedgerTestProjection.GROUP + "/replay", "{}");
        assertThat(anonymousReplay.status()).isEqualTo(401);
    }
}
