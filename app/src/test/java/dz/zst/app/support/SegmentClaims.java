package dz.zst.app.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token store's claims, and the bars a multi-node test sets on one node's processor to move them
 * (Axon's {@code releaseSegment}: the node gives a segment up and claims it again only once the bar
 * lapses). Segments are taken from the token table, not from those the node holds that instant: a
 * segment whose batch has just failed is out of the processor's status until it is claimed again,
 * and left unbarred it went straight back to that node.
 */
public final class SegmentClaims {

    private SegmentClaims() {
    }

    /** Each segment's owner, by segment id; null for an unclaimed segment. */
    public static List<String> owners(JdbcClient jdbc, String processor) {
        return jdbc.sql("SELECT owner FROM tokenentry WHERE processorname = ? ORDER BY segment")
                .param(processor).query(String.class).list();
    }

    /** Keeps {@code node}'s processor off every segment of {@code processor} for {@code duration}. */
    public static void bar(JdbcClient jdbc, StreamingEventProcessor node, String processor, Duration duration) {
        int segments = owners(jdbc, processor).size();
        for (int segment = 0; segment < segments; segment++) {
            node.releaseSegment(segment, duration.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Lets {@code node}'s processor claim every segment of {@code processor} again as soon as it is free. */
    public static void unbar(JdbcClient jdbc, StreamingEventProcessor node, String processor) {
        bar(jdbc, node, processor, Duration.ZERO);
    }
}
