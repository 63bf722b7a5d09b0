package dz.zst.app.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded default after {@code kill -9}: a JVM of its own boots it on a data folder, is
 * killed (its PostgreSQL and Redis live on), and the next start on that folder succeeds at once,
 * with the data, having stopped what the killed run left behind.
 */
class EmbeddedServersCrashTest {

    private final List<Process> children = new ArrayList<>();
    private final List<Long> servers = new ArrayList<>();
    private final List<Path> folders = new ArrayList<>();

    @Test
    void theFirstStartAfterAKilledRunStopsItsLeftoverServersAndKeepsTheData() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "crash-data-" + System.nanoTime())).toAbsolutePath();

        Child crashed = start(dir, "before-crash");
        assertThat(crashed.ready()).startsWith("READY notes=before-crash ");
        long postmaster = pid(dir.resolve("postgres/postmaster.pid"));
        long redis = pid(dir.resolve(EmbeddedServers.REDIS_PID_FILE));
        crashed.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(alive(postmaster)).as("the killed run's PostgreSQL outlives it").isTrue();
        assertThat(alive(redis)).as("the killed run's Redis outlives it").isTrue();

        Child restarted = start(dir, null);
        assertThat(restarted.ready()).as("the first start after the crash").startsWith("READY notes=before-crash ");
        assertThat(alive(postmaster)).as("the leftover PostgreSQL was stopped").isFalse();
        assertThat(alive(redis)).as("the leftover Redis was stopped").isFalse();
        long newPostmaster = pid(dir.resolve("postgres/postmaster.pid"));
        assertThat(newPostmaster).isNotEqualTo(postmaster);

        restarted.process().getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
        restarted.process().getOutputStream().flush();
        assertThat(restarted.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(alive(newPostmaster)).as("closing the context stops PostgreSQL").isFalse();
        assertThat(dir.resolve("postgres/postmaster.pid")).doesNotExist();
        assertThat(dir.resolve(EmbeddedServers.REDIS_PID_FILE)).doesNotExist();
    }

    @Test
    void aSecondStartOnTheFolderOfARunningPlatformLeavesItsServersAlone() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "shared-data-" + System.nanoTime())).toAbsolutePath();
        Child running = start(dir, "running");
        assertThat(running.ready()).startsWith("READY notes=running ");
        long postmaster = pid(dir.resolve("postgres/postmaster.pid"));

        Child second = start(dir, null);
        assertThat(second.ready()).contains("is in use by a running platform");
        assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(alive(postmaster)).isTrue();
        assertThat(pid(dir.resolve("postgres/postmaster.pid"))).isEqualTo(postmaster);

        running.process().getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
        running.process().getOutputStream().flush();
        assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(alive(postmaster)).isFalse();
    }

    @Test
    void aPidFileNamingSomeOtherLiveProgramIsStaleAndDeleted() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "stale-pid-" + System.nanoTime())).toAbsolutePath();
        // This JVM is alive and is no postgres: the pid was reused.
        Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dir + "\n");
        Files.writeString(dir.resolve(EmbeddedServers.REDIS_PID_FILE), ProcessHandle.current().pid() + "\n6379\n");

        EmbeddedServers servers = new EmbeddedServers(dir);
        servers.stopLeftoverPostgres(dir);
        servers.stopLeftoverRedis(dir.resolve(EmbeddedServers.REDIS_PID_FILE));

        assertThat(dir.resolve("postmaster.pid")).doesNotExist();
        assertThat(dir.resolve(EmbeddedServers.REDIS_PID_FILE)).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    private record Child(Process process, BlockingQueue<String> lines) {

        String ready() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            StringBuilder seen = new StringBuilder();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith("READY")) {
                    return line;
                }
                if (line != null) {
                    seen.append(line).append('\n');
                    if (seen.length() > 20_000) {
                        seen.delete(0, seen.length() - 20_000);
                    }
                } else if (!process.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            return "never ready:\n" + seen;
        }
    }

    private Child start(Path dir, String note) throws IOException {
        folders.add(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                EmbeddedDataFolderMain.class.getName(), dir.toString()));
        Optional.ofNullable(note).ifPresent(command::add);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return new Child(process, lines);
    }

    private long pid(Path file) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(file).get(0).strip());
        servers.add(pid);
        return pid;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @AfterEach
    void stopEverythingStarted() throws IOException {
        children.forEach(Process::destroyForcibly);
        for (Path dir : folders) {
            for (Path pidFile : List.of(dir.resolve("postgres/postmaster.pid"), dir.resolve(EmbeddedServers.REDIS_PID_FILE))) {
                if (Files.exists(pidFile)) {
                    servers.add(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()));
                }
            }
        }
        // Only a server: a pid file left by a failed assertion may name a pid reused since.
        servers.forEach(pid -> ProcessHandle.of(pid)
                .filter(server -> server.info().command().map(c -> c.contains("postgres") || c.contains("redis")).orElse(false))
                .ifPresent(ProcessHandle::destroy));
    }
}
