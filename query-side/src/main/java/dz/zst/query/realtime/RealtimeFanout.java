package dz.zst.query.realtime;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dz.zst.query.realtime.RealtimeBroadcaster.Envelope;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * This node's half of a {@link RealtimeBroadcaster#emit}: each published push goes to the local
 * sockets in its rooms, once per socket. One thread, so pushes leave in the order they were
 * published, and Redis's I/O threads never wait on a large room.
 */
class RealtimeFanout implements MessageListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RealtimeFanout.class);

    private final SocketIONamespace namespace;
    private final ObjectMapper json;
    private final ExecutorService sender;

    RealtimeFanout(SocketIONamespace namespace, ObjectMapper json) {
        this.namespace = namespace;
        this.json = json;
        CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("realtime-fanout-");
        threadFactory.setDaemon(true);
        this.sender = Executors.newSingleThreadExecutor(threadFactory);
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        byte[] body = message.getBody();
        sender.execute(() -> deliver(body));
    }

    private void deliver(byte[] body) {
        Envelope envelope;
        try {
            envelope = json.readValue(body, Envelope.class);
        } catch (IOException e) {
            log.warn("realtime push ignored: not an envelope", e);
            return;
        }
        Map<UUID, SocketIOClient> sockets = new LinkedHashMap<>();
        for (String room : envelope.rooms()) {
            for (SocketIOClient socket : namespace.getRoomOperations(room).getClients()) {
                sockets.putIfAbsent(socket.getSessionId(), socket);
            }
        }
        RawValue payload = new RawValue(envelope.payload());
        sockets.values().forEach(socket -> socket.sendEvent(envelope.event(), payload));
    }

    @Override
    public void destroy() {
        sender.shutdown();
    }
}
