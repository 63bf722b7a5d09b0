package dz.zst.query.realtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code zst.realtime.*}: the Socket.IO server of API.md §11. {@code zst.realtime.enabled=false}
 * leaves it out of a node (its pushes are still published for the nodes that run it).
 *
 * @param port            REALTIME_PORT; 0 picks a free port (tests), {@link RealtimeServer#port()} tells which
 * @param workerThreads   netty event loops; 0 means one per core, enough for 10,000 idle sockets on two
 * @param handlerThreads  threads running the client events' queries, off the event loops
 * @param pingInterval    engine.io heartbeat, socket.io's own defaults
 * @param pingTimeout     a client silent this long after a ping is dropped
 * @param maxPayload      largest frame or polling body a client may send; its messages are ids and a token
 * @param nativeTransport netty's epoll transport where it loads (Linux), else NIO: a socket write costs less
 *                        of the event loop, and a crowd push is thousands of them
 * @param crowd           a push to at least this many websocket sockets of this node is a crowd push
 * @param crowdFlushInterval an event loop's passes over its crowd pushes' sockets start this long or more
 *                        after its last pass ended, each writing a socket all it has not had in one write
 */
@ConfigurationProperties("zst.realtime")
public record RealtimeProperties(@DefaultValue("3001") int port,
                                 @DefaultValue("0") int workerThreads,
                                 @DefaultValue("4") int handlerThreads,
                                 @DefaultValue("25s") Duration pingInterval,
                                 @DefaultValue("20s") Duration pingTimeout,
                                 @DefaultValue("16KB") DataSize maxPayload,
                                 @DefaultValue("true") boolean nativeTransport,
                                 @DefaultValue("100") int crowd,
                                 @DefaultValue("40ms") Duration crowdFlushInterval) {
}
