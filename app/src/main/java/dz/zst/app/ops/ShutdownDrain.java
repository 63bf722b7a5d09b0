package dz.zst.app.ops;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first step of a node's graceful stop, before Tomcat's own: for {@code zst.shutdown.drain}
 * (SHUTDOWN_DRAIN) the node keeps serving every request, but answers each with
 * {@code Connection: close} and reports {@code /api/health} as stopping (503), so the load balancer
 * stops sending it requests and closes its kept-alive connections to it. Only then does Tomcat pause:
 * from that moment it refuses new connections, which the balancer retries on another node (a refused
 * connection carried no request, so even a POST is safe to retry), and answers 503 itself to any
 * request that arrives on a connection kept alive from before (Tomcat 10.1 Http11Processor: a paused
 * endpoint), which nginx may not retry for a POST. Draining first leaves none of those connections to
 * a node under load. The sockets closed before this ({@code RealtimeServer}, stopped first).
 */
@Component
public class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private volatile boolean running;
    private volatile long drainingSince;
    private volatile boolean draining;

    public ShutdownDrain(@Value("${zst.shutdown.drain:5s}") Duration drain) {
        this.drain = drain;
    }

    /** The node is stopping: answers close their connection, health says so. */
    public boolean draining() {
        return draining;
    }

    /**
     * The drain starts with the close itself, before any bean stops: the realtime server, stopped
     * first, takes a few seconds (netty's quiet period), which the drain overlaps.
     */
    @EventListener(ContextClosedEvent.class)
    public void closing() {
        begin();
    }

    private synchronized void begin() {
        if (!draining) {
            drainingSince = System.nanoTime();
            draining = true;
            if (!drain.isZero() && !drain.isNegative()) {
                log.info("Draining for {} before the web server stops: answers close their connections", drain);
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Waits out what is left of the drain, then lets the web server's graceful stop begin. */
    @Override
    public void stop() {
        begin();
        long left = drain.toNanos() - (System.nanoTime() - drainingSince);
        if (left > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped after the realtime server (which stops first) and before the web server's graceful stop. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 512;
    }
}
