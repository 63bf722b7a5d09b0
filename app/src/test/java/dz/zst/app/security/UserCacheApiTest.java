package dz.zst.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserCommands.DeactivateUserCommand;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user change that reaches the event store by another path than this node's HTTP writes (another
 * node, the webhook, ops) still ends the cached sign-in state at once: the cache is keyed by the
 * user's own generation, which every committed change of that user changes. Someone else's change
 * (a sign-up) leaves it cached.
 */
class UserCacheApiTest extends ApiTestBase {

    @Autowired
    private CommandGateway commands;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void deactivationByAnotherPathIsRefusedOnTheNextRequests() throws InterruptedException {
        String token = TestUsers.signIn(baseUrl(), "cache-" + UUID.randomUUID() + "@zst.test");
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/auth/me", token).status()).isEqualTo(200);
        UserId userId = UserId.of(TestUsers.userId(baseUrl(), token));

        commands.sendAndWait(new DeactivateUserCommand(userId));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status;
        do {
            status = ApiCalls.get(baseUrl() + "/api/v1/auth/me", token).status();
            Thread.sleep(20);
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status).as("refused well before the cache entry's 10 s lifetime").isEqualTo(403);
    }

    /**
     * The row is changed behind the platform's back (no event, no generation change), so only a
     * fresh read would see it: a sign-up of someone else, which changes the users read model, must
     * not cause one.
     */
    @Test
    void anotherUsersSignUpLeavesTheCachedSignInStateInPlace() {
        String token = TestUsers.signIn(baseUrl(), "cache-kept-" + UUID.randomUUID() + "@zst.test");
        String projections = baseUrl() + "/api/v1/admin/projections";
        assertThat(ApiCalls.get(projections, token).status()).isEqualTo(403);
        UUID userId = UUID.fromString(TestUsers.userId(baseUrl(), token));
        jdbc.sql("UPDATE users SET role = 'admin' WHERE id = ?").param(userId).update();
        try {
            TestUsers.signIn(baseUrl(), "cache-other-" + UUID.randomUUID() + "@zst.test");
            assertThat(ApiCalls.get(projections, token).status()).as("still the cached customer").isEqualTo(403);
        } finally {
            jdbc.sql("UPDATE users SET role = 'customer' WHERE id = ?").param(userId).update();
        }
    }
}
