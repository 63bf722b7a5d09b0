package dz.zst.app.ops;

import java.time.Duration;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first step of a node's graceful stop, before Tomcat's own: for {@code zst.shutdown.drain}
 * (SHUTDOWN_DRAIN) the node refuses new connections, which the load balancer retries on another node
 * (a refused connection carried no request, so even a POST is safe to retry), and keeps serving the
 * connections it has, each closed after its next answer ({@code Connection: close}: Tomcat's own once
 * its listening socket is closed, {@code DrainingConnections} for an answer already under way), and
 * reports {@code /api/health} as stopping (503). Only then does Tomcat pause, with no connection left
 * open: a paused Tomcat 10.1 resets a connection on which a new request arrives (its
 * {@code Http11Processor} no longer reads it), which nginx does not retry for a POST. The fault
 * suite's rolling restart lost a request that way in most runs, while the drain still accepted new
 * connections and so kept connections open up to the pause. The sockets closed before this
 * ({@code RealtimeServer}, stopped first).
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
    public void closing(ContextClosedEvent event) {
        begin();
        if (event.getApplicationContext() instanceof WebServerApplicationContext web
                && web.getWebServer() instanceof TomcatWebServer tomcat) {
            // Tomcat's own graceful stop does the same after pausing; done first, the open
            // connections drain while they are still served. Closing the listening socket also turns
            // keep-alive off for every request read from then on (AbstractEndpoint: not bound, one
            // request per connection).
            for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
                connector.getProtocolHandler().closeServerSocketGraceful();
            }
        }
    }

    private synchronized void begin() {
        if (!draining) {
            drainingSince = System.nanoTime();
            draining = true;
            if (!drain.isZero() && !drain.isNegative()) {
                log.info("Draining for {} before the web server stops: new connections refused, open ones closed after their next answer", drain);
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
