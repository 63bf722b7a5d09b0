package dz.zst.query.realtime;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A socket's upgrade from long-polling to websocket (the app's default transports) without stalls.
 * netty-socketio 2.0.14 gets two things wrong there; both were seen in CI as a request whose
 * acknowledgement never came to a socket that had just connected.
 *
 * <p><b>The long poll the upgrade waits for.</b> The client upgrades once its pending long poll
 * has returned. netty-socketio answers the websocket probe with one NOOP on polling, to end that
 * poll. When the NOOP leaves before the client has read the probe's answer (it went out with the
 * CONNECT reply, say), the client polls again, then waits for that poll, which the server ends
 * only with its next ping 25 s later: the upgrade times out after 10 s and the socket is dropped,
 * its requests held by the client meanwhile. The reference server (engine.io) sends a NOOP to the
 * pending poll every 100 ms until the upgrade is done, and so does {@link #probed}.
 *
 * <p><b>A send racing the upgrade.</b> netty-socketio sends in three steps ({@code ClientHead.send}):
 * it reads the socket's transport, adds the packet to that transport's queue, then writes the
 * queue if that transport's channel can take it. The upgrade, on the websocket's event loop, hands
 * the polling queue to the websocket, drains it there, then says the transport is websocket. A send
 * from another thread (a request's reply, a push) that read "polling" just before adds its packet
 * after the drain and finds the polling channel spent: the packet waits for the next ping.
 * {@link #send} follows such a send with a task on the websocket's event loop, where the upgrade
 * runs, so it sees the upgrade not begun (its drain will carry the packet) or done, and writes
 * whatever is still queued.
 */
public final class TransportUpgrades {

    /** engine.io's own interval for ending the pending long poll during an upgrade. */
    static final Duration POLL_RELEASE_INTERVAL = Duration.ofMillis(100);

    private TransportUpgrades() {
    }

    /**
     * A ping listener of the main namespace: with Engine.IO v4 only the websocket probe is a ping
     * from the client. From then on, until the upgrade is done or given up, the pending long poll
     * gets a NOOP every {@link #POLL_RELEASE_INTERVAL}.
     */
    static void probed(SocketIOClient socket, Duration upgradeTimeout) {
        if (!(socket instanceof NamespaceClient client) || socket.getTransport() != Transport.POLLING) {
            return;
        }
        ClientHead head = client.getBaseClient();
        Channel websocket = WebSocketFrames.channel(head, Transport.WEBSOCKET);
        if (websocket != null) {
            long rounds = Math.max(1, upgradeTimeout.toMillis() / POLL_RELEASE_INTERVAL.toMillis());
            releasePendingPoll(head, websocket, rounds);
        }
    }

    private static void releasePendingPoll(ClientHead head, Channel websocket, long roundsLeft) {
        websocket.eventLoop().schedule(() -> {
            if (!head.isConnected() || head.getCurrentTransport() != Transport.POLLING || !websocket.isActive()) {
                return;
            }
            Channel poll = WebSocketFrames.channel(head, Transport.POLLING);
            // A poll that has had its answer carries no more; the client's next one will be released.
            if (poll != null && poll.attr(EncoderHandler.WRITE_ONCE).get() == null) {
                head.send(new Packet(PacketType.NOOP, head.getEngineIOVersion()), Transport.POLLING);
            }
            if (roundsLeft > 1) {
                releasePendingPoll(head, websocket, roundsLeft - 1);
            }
        }, POLL_RELEASE_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code sends} (netty-socketio sends to {@code socket}), then rescues what an upgrade left behind. */
    static void send(SocketIOClient socket, Runnable sends) {
        boolean onWebsocket = socket.getTransport() == Transport.WEBSOCKET;
        sends.run();
        if (!onWebsocket) {
            flushLeftBehind(socket);
        }
    }

    /**
     * Writes, on the socket's websocket, the packets an upgrade left in its queue. Nothing to do
     * for a socket without a websocket: no upgrade has begun, and the one to come drains the queue.
     */
    public static void flushLeftBehind(SocketIOClient socket) {
        if (!(socket instanceof NamespaceClient client)) {
            return;
        }
        ClientHead head = client.getBaseClient();
        Channel websocket = WebSocketFrames.channel(head, Transport.WEBSOCKET);
        if (websocket == null) {
            return;
        }
        websocket.eventLoop().execute(() -> {
            if (head.getCurrentTransport() == Transport.WEBSOCKET
                    && !head.getPacketsQueue(Transport.WEBSOCKET).isEmpty()) {
                websocket.writeAndFlush(new OutPacketMessage(head, Transport.WEBSOCKET));
            }
        });
    }
}
