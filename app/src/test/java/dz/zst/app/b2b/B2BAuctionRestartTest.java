package dz.zst.app.b2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dz.zst.app.ZstApplication;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Response;
import dz.zst.app.support.TestUsers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An auction whose end passed while the platform was stopped is closed once it starts again: the
 * end is a deadline stored in PostgreSQL (db-scheduler), not a timer of the node that scheduled it.
 * The platform runs on a data folder of its own (its own embedded PostgreSQL and Redis), not on the
 * shared test context, so that no other node is there to fire the deadline while it is down: first
 * in a JVM of its own ({@link PlatformMain}) that takes the offer and the bids and stops, then, once
 * the end has passed, in this JVM. Two runs in one JVM cannot share a folder: zonky keeps its lock
 * on the folder until the JVM that took it exits.
 */
class B2BAuctionRestartTest {

    private Process first;
    private Path dir;
    private ConfigurableApplicationContext restartedPlatform;

    @Test
    void anAuctionWhoseEndPassedWhileThePlatformWasStoppedIsClosedAfterItStartsAgain() throws Exception {
        dir = Files.createDirectories(Path.of("target", "b2b-restart-" + System.nanoTime())).toAbsolutePath();
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        first = startInItsOwnJvm(dir, output);
        String base = "http://localhost:" + ready(first, output);
        String importateur = TestUsers.seller(base, "restart-imp@zst.test", "importateur");
        String grossiste = TestUsers.seller(base, "restart-gro@zst.test", "grossiste");
        String grossiste2 = TestUsers.seller(base, "restart-gro2@zst.test", "grossiste");

        // Long enough for the first requests of a fresh JVM and its stop to come before it.
        Map<String, Object> body = OfferBodies.toGrossistes("Lot de 200 climatiseurs", 100_000, "auction",
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(10));
        Response created = ApiCalls.post(base + "/api/v1/b2b/offers", importateur, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("id").asText();
        String losing = bid(base, grossiste, id, 100_000);
        String winning = bid(base, grossiste2, id, 100_500);
        // A bid in the last stretch moves the end: the one to wait for is the offer's own.
        Instant end = Instant.parse(ApiCalls.get(base + "/api/v1/b2b/offers/" + id, importateur).body()
                .get("ends_at").asText());

        first.getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
        first.getOutputStream().flush();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the platform stops").isTrue();
        assertThat(Instant.now()).as("the platform is down before the auction's end").isBefore(end);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), end).toMillis()) + 2_000);

        Instant restarted = Instant.now();
        restartedPlatform = new SpringApplicationBuilder(ZstApplication.class).profiles("test")
                .run("--zst.data-dir=" + dir, "--server.port=0", "--management.server.port=0");
        String again = "http://localhost:" + ((WebServerApplicationContext) restartedPlatform).getWebServer().getPort();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ApiCalls.get(again + "/api/v1/b2b/offers/" + id, importateur).body().get("status").asText())
                        .isEqualTo("sold"));
        Map<String, String> statuses = new HashMap<>();
        ApiCalls.get(again + "/api/v1/b2b/offers/" + id + "/responses", importateur).body().get("data")
                .forEach(r -> statuses.put(r.get("id").asText(), r.get("status").asText()));
        assertThat(statuses).isEqualTo(Map.of(winning, "accepted", losing, "rejected"));
        List<String> won = restartedPlatform.getBean(JdbcClient.class).sql("SELECT timestamp FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%AuctionWonEvent'")
                .param(id).query(String.class).list();
        assertThat(won).as("won once").hasSize(1);
        assertThat(Instant.parse(won.get(0))).as("won by the restarted platform").isAfter(restarted);
    }

    private static String bid(String base, String token, String offerId, int amount) {
        Response bid = ApiCalls.post(base + "/api/v1/b2b/offers/" + offerId + "/respond", token,
                Map.of("response_type", "bid", "amount", amount, "quantity", 10));
        assertThat(bid.status()).as(bid.raw()).isEqualTo(201);
        return bid.body().get("id").asText();
    }

    private static Process startInItsOwnJvm(Path dir, BlockingQueue<String> output) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PlatformMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "platform-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    /** The child's HTTP port once it is up; its last lines otherwise. */
    private static int ready(Process process, BlockingQueue<String> output) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith("READY port=")) {
                return Integer.parseInt(line.substring("READY port=".length()).strip());
            }
            if (line != null) {
                seen.append(line).append('\n');
                if (seen.length() > 20_000) {
                    seen.delete(0, seen.length() - 20_000);
                }
            } else if (!process.isAlive() && output.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("the platform never started:\n" + seen);
    }

    @AfterEach
    void stop() throws Exception {
        if (restartedPlatform != null) {
            restartedPlatform.close();
        }
        if (first != null && first.isAlive()) {
            // Killed, the JVM leaves its PostgreSQL and Redis running: stop them by their pid files.
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            for (Path pidFile : List.of(dir.resolve("postgres/postmaster.pid"), dir.resolve("redis.pid"))) {
                if (Files.exists(pidFile)) {
                    ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                            .filter(server -> server.info().command()
                                    .map(c -> c.contains("postgres") || c.contains("redis")).orElse(false))
                            .ifPresent(ProcessHandle::destroy);
                }
            }
        }
    }
}
