package dz.zst.app.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dz.zst.app.ZstApplication;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.KeptConnection;
import dz.zst.app.support.TestHeldReadController;
import dz.zst.app.support.TestUsers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node shutting down on its embedded default: it first drains (new connections refused, the open
 * ones still served, each answer closing its connection, also one to a request that arrived before,
 * health 503 stopping), a request in flight when the close begins and held past the drain is answered with
 * its database, and when the context destroys its last beans, the web server and every
 * event processor have stopped while PostgreSQL and Redis still answer; then they stop too.
 */
class ShutdownOrderTest {

    @Test
    void theEmbeddedServersStopAfterTheWebServerHasDrainedAndTheProcessorsHaveStopped() throws Exception {
        ConfigurableApplicationContext node = new SpringApplicationBuilder(ZstApplication.class).profiles("test")
                .run("--server.port=0", "--zst.shutdown.drain=3s");
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        String base = "http://localhost:" + port;
        String jdbcUrl = node.getEnvironment().getRequiredProperty("spring.datasource.url");
        int redisPort = Integer.parseInt(node.getEnvironment().getRequiredProperty("spring.data.redis.port"));
        List<EventProcessor> processors = List.copyOf(node.getBean(EventProcessingConfiguration.class).eventProcessors().values());
        assertThat(processors).isNotEmpty().allMatch(EventProcessor::isRunning);

        // Registered after every other bean, so destroyed before them all: what it sees is what the
        // embedded servers' own destruction, registered first and destroyed last, comes after.
        List<String> seenAtDestruction = new ArrayList<>();
        ((DefaultSingletonBeanRegistry) node.getBeanFactory()).registerDisposableBean("shutdownProbe", () -> {
            seenAtDestruction.add("web server " + (accepts(port) ? "accepting" : "closed"));
            seenAtDestruction.add("processors " + (processors.stream().anyMatch(EventProcessor::isRunning) ? "running" : "stopped"));
            seenAtDestruction.add("database " + (databaseAnswers(jdbcUrl) ? "up" : "down"));
            seenAtDestruction.add("redis " + (accepts(redisPort) ? "up" : "down"));
        });

        String token = TestUsers.signIn(base, "shutdown@zst.test");
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<ApiCalls.Response> inFlight = held(base, token, "in-flight", hold);
        CountDownLatch holdUntilDraining = new CountDownLatch(1);
        CompletableFuture<ApiCalls.Response> answeredWhileDraining = held(base, token, "answered-draining",
                holdUntilDraining);

        // Two connections the balancer holds open to the node, idle when the close begins.
        try (KeptConnection forHealth = new KeptConnection(port); KeptConnection forProducts = new KeptConnection(port)) {
            // Taken off the backlog by Tomcat's acceptor first: one still there when the listening
            // socket closes would be reset, as any unaccepted connection.
            Thread.sleep(300);
            long closeStarted = System.nanoTime();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(node::close);
            // First the drain: new connections refused at once (the balancer retries them elsewhere)...
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> !accepts(port));
            System.out.printf("refusing new connections %d ms after the close began%n",
                    Duration.ofNanos(System.nanoTime() - closeStarted).toMillis());
            // ...the open ones still served, each closed after its answer, health saying stopping...
            KeptConnection.Answer health = forHealth.get("/api/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body()).contains("\"stopping\"");
            assertThat(health.header("Connection")).isEqualToIgnoringCase("close");
            KeptConnection.Answer served = forProducts.get("/api/v1/products", token);
            assertThat(served.status()).as("a draining node still serves its open connections").isEqualTo(200);
            assertThat(served.header("Connection")).isEqualToIgnoringCase("close");
            // ...and a request that arrived before the drain and is answered during it closes its
            // connection too: kept, it would wait idle in the balancer's pool for a request that
            // Tomcat, once paused, resets.
            holdUntilDraining.countDown();
            ApiCalls.Response arrivedBefore = answeredWhileDraining.get(10, TimeUnit.SECONDS);
            assertThat(arrivedBefore.status()).as(arrivedBefore.raw()).isEqualTo(200);
            assertThat(arrivedBefore.header("Connection")).isEqualToIgnoringCase("close");
            // The other one is held past the drain (3 s), into Tomcat's own graceful stop.
            Thread.sleep(Math.max(0, Duration.ofMillis(3500).minusNanos(System.nanoTime() - closeStarted).toMillis()));
            hold.countDown();

            ApiCalls.Response answer = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            assertThat(answer.body().get("events").asLong()).isPositive();
            closing.get(60, TimeUnit.SECONDS);
        }
        assertThat(seenAtDestruction)
                .containsExactly("web server closed", "processors stopped", "database up", "redis up");
        assertThat(databaseAnswers(jdbcUrl)).as("PostgreSQL stopped with the context").isFalse();
        assertThat(accepts(redisPort)).as("Redis stopped with the context").isFalse();
    }

    /** A read held open on the node until {@code hold} opens; returned once it has arrived. */
    private static CompletableFuture<ApiCalls.Response> held(String base, String token, String name,
                                                            CountDownLatch hold) throws InterruptedException {
        CountDownLatch arrived = new CountDownLatch(1);
        TestHeldReadController.ARRIVALS.put(name, arrived);
        TestHeldReadController.HOLDS.put(name, hold);
        CompletableFuture<ApiCalls.Response> answer = CompletableFuture.supplyAsync(
                () -> ApiCalls.get(base + TestHeldReadController.PATH + name, token));
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
        return answer;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean databaseAnswers(String jdbcUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }
}
