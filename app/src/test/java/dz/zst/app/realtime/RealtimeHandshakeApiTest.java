package dz.zst.app.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.corundumstudio.socketio.Transport;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dz.zst.app.security.DevSigningKey;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserCommands.DeactivateUserCommand;
import dz.zst.query.realtime.RealtimeBroadcaster;
import dz.zst.query.realtime.RealtimeServer;
import dz.zst.query.realtime.Rooms;
import java.sql.Connection;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;

/** API.md §11 handshake: guests, signed-in sockets in their user room, refused tokens, both transports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeHandshakeApiTest extends ApiTestBase {

    /** DevSigningKey's issuer: a token must claim it to be checked against that key. */
    private static final String DEV_ISSUER = "zst-dev";

    @Autowired
    private RealtimeServer realtime;
    @Autowired
    private RealtimeBroadcaster broadcaster;
    @Autowired
    private DevSigningKey devKey;
    @Autowired
    private CommandGateway commands;
    @Autowired
    private DataSource dataSource;

    private final RealtimeClients clients = new RealtimeClients();

    @AfterAll
    void closeClients() {
        clients.close();
    }

    @Test
    void aGuestConnectsWithoutATokenAndIsAnsweredPong() {
        TestSocket guest = clients.guest(realtime.port());

        JsonNode ack = guest.request("ping", null);

        Instant timestamp = Instant.parse(ack.get("timestamp").asText());
        assertThat(ack.get("timestamp").asText()).endsWith("Z");
        assertThat(timestamp).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(guest.next("pong").get("timestamp").asText()).isEqualTo(ack.get("timestamp").asText());
    }

    @Test
    void aSignedInSocketIsInItsUserRoom() {
        String token = TestUsers.signIn(baseUrl(), "rt-user-" + UUID.randomUUID() + "@zst.test");
        UserId userId = UserId.of(TestUsers.userId(baseUrl(), token));
        TestSocket socket = clients.signedIn(realtime.port(), token);

        broadcaster.emit(List.of(Rooms.user(userId)), "test:greeting", Map.of("greetingText", "salam"));

        assertThat(socket.next("test:greeting").get("greetingText").asText()).isEqualTo("salam");
    }

    @Test
    void aTokenInTheQueryStringSignsInToo() {
        String token = TestUsers.signIn(baseUrl(), "rt-query-" + UUID.randomUUID() + "@zst.test");
        UserId userId = UserId.of(TestUsers.userId(baseUrl(), token));
        TestSocket socket = clients.open(realtime.port(), options -> options.setQuery("token=" + token)
                .setTransports(RealtimeClients.WEBSOCKET_ONLY)).awaitConnected();
        // Without a CONNECT payload the room is joined right after connect: one round trip orders it.
        socket.request("ping", null);

        broadcaster.emit(List.of(Rooms.user(userId)), "test:greeting", Map.of("greetingText", "ahlan"));

        assertThat(socket.next("test:greeting").get("greetingText").asText()).isEqualTo("ahlan");
    }

    @Test
    void tokensThatFailVerificationAreRefusedAsUnauthorized() throws JOSEException {
        RSAKey otherKey = new RSAKeyGenerator(2048).generate();
        Map<String, String> tokens = Map.of(
                "garbage", "not-a-jwt",
                "forged", sign(claims(Instant.now().plusSeconds(300)), otherKey),
                "expired", sign(claims(Instant.now().minusSeconds(60)), devKey.key()));

        tokens.forEach((kind, token) -> {
            TestSocket socket = clients.open(realtime.port(), options -> options.setAuth(Map.of("token", token)));
            assertThat(socket.refusal()).as(kind).isEqualTo("unauthorized");
            assertThat(socket.isConnected()).as(kind + " never connects").isFalse();
        });
    }

    @Test
    void aBadTokenInTheQueryStringIsRefusedAsUnauthorized() {
        TestSocket socket = clients.open(realtime.port(), options -> options.setQuery("token=not-a-jwt"));

        assertThat(socket.refusal()).isEqualTo("unauthorized");
    }

    @Test
    void aDeactivatedUserIsRefused() {
        String token = TestUsers.signIn(baseUrl(), "rt-gone-" + UUID.randomUUID() + "@zst.test");
        commands.sendAndWait(new DeactivateUserCommand(UserId.of(TestUsers.userId(baseUrl(), token))));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ApiCalls.get(baseUrl() + "/api/v1/auth/me", token).status() == 403);

        TestSocket socket = clients.open(realtime.port(), options -> options.setAuth(Map.of("token", token)));

        assertThat(socket.refusal()).isEqualTo("unauthorized");
    }

    /**
     * A user store that answers slowly (here its table locked by another transaction) holds up only
     * the sockets that need it: new users' sockets connect, are in their user room at once and get
     * their requests answered once their check is done, while a socket already connected and a
     * guest connecting meanwhile are answered at once. Checked on netty's event loop, four such
     * sockets held both loops of a two-core node, and every other socket with them.
     */
    @Test
    void aSlowUserStoreHoldsUpNoOtherSocket() throws Exception {
        TestSocket watcher = clients.guest(realtime.port());
        watcher.request("ping", null);
        List<TestSocket> newcomers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(sign(claims(Instant.now().plusSeconds(300)), devKey.key()));
        }
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            try {
                long start = System.nanoTime();
                tokens.forEach(token -> newcomers.add(clients.open(realtime.port(),
                        options -> options.setAuth(Map.of("token", token)))));
                newcomers.forEach(TestSocket::awaitConnected);
                TestSocket guest = clients.guest(realtime.port());
                assertThat(guest.request("ping", null).has("timestamp")).isTrue();
                assertThat(watcher.request("ping", null).has("timestamp")).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("while the users table is locked")
                        .isLessThan(Duration.ofSeconds(3));
                UserId first = UserId.forExternalSubject(subject(tokens.get(0)));
                broadcaster.emit(List.of(Rooms.user(first)), "test:greeting", Map.of("greetingText", "marhaba"));
                assertThat(newcomers.get(0).next("test:greeting").get("greetingText").asText()).isEqualTo("marhaba");
            } finally {
                lock.rollback();
            }
        }
        for (TestSocket newcomer : newcomers) {
            assertThat(newcomer.request("ping", null).has("timestamp")).isTrue();
        }
    }

    @Test
    void websocketOnlyClientsConnect() {
        TestSocket socket = clients.open(realtime.port(), options -> options.setTransports(RealtimeClients.WEBSOCKET_ONLY))
                .awaitConnected();

        assertThat(socket.request("ping", null).has("timestamp")).isTrue();
        assertThat(serverSide(socket).getTransport()).isEqualTo(Transport.WEBSOCKET);
    }

    @Test
    void pollingClientsConnectThenUpgradeToWebsocket() {
        TestSocket socket = clients.guest(realtime.port());

        assertThat(socket.request("ping", null).has("timestamp")).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> serverSide(socket).getTransport() == Transport.WEBSOCKET);
        assertThat(socket.request("ping", null).has("timestamp")).isTrue();
    }

    @Test
    void pollingOnlyClientsWork() {
        TestSocket socket = clients.open(realtime.port(), options -> options
                .setTransports(RealtimeClients.POLLING_ONLY).setUpgrade(false)).awaitConnected();

        assertThat(socket.request("ping", null).has("timestamp")).isTrue();
        assertThat(serverSide(socket).getTransport()).isEqualTo(Transport.POLLING);
    }

    @Test
    void theApiIndexTellsWhereTheRealtimeServerListens() {
        ApiCalls.Response index = ApiCalls.get(baseUrl() + "/api", null);

        assertThat(index.body().get("realtime").get("namespace").asText()).isEqualTo("/realtime");
        assertThat(index.body().get("realtime").get("path").asText()).isEqualTo("/socket.io");
        assertThat(index.body().get("realtime").get("port").asInt()).isEqualTo(realtime.port());
    }

    private SocketIOClient serverSide(TestSocket socket) {
        return realtime.namespace().getClient(UUID.fromString(socket.id()));
    }

    private static JWTClaimsSet claims(Instant expiresAt) {
        return new JWTClaimsSet.Builder().issuer(DEV_ISSUER).subject("dev_" + UUID.randomUUID())
                .issueTime(Date.from(expiresAt.minusSeconds(600))).expirationTime(Date.from(expiresAt)).build();
    }

    private static String subject(String token) throws ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
