package dz.zst.query.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Server → client pushes for the whole cluster (API.md §11): {@link #emit} renders the payload once
 * with the API's ObjectMapper (so views come out exactly as REST renders them; Map keys stay as
 * given, for the contract's camelCase events) and publishes it on a Redis channel; every node that
 * runs the realtime server, the publisher included, sends it to its own sockets in those rooms
 * ({@link RealtimeFanout}). Present on every node, so event handlers may push from nodes that run
 * no realtime server themselves.
 */
@Component
public class RealtimeBroadcaster {

    static final String CHANNEL = "zst:realtime";
    private static final Logger log = LoggerFactory.getLogger(RealtimeBroadcaster.class);

    /** What travels between nodes: the payload stays the text it was rendered to. */
    record Envelope(List<String> rooms, String event, String payload) {
    }

    private final StringRedisTemplate redis;
    private final ObjectMapper json;

    public RealtimeBroadcaster(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /**
     * Sends {@code event} with {@code payload} to every socket in any of {@code rooms} (names from
     * {@link Rooms}), once per socket however many of the rooms it is in. Best effort, like any push:
     * when Redis can't be reached the push is logged and dropped, and the caller carries on.
     *
     * @throws IllegalArgumentException when the payload can't be rendered as JSON
     */
    public void emit(Collection<String> rooms, String event, Object payload) {
        if (rooms.isEmpty()) {
            return;
        }
        String message;
        try {
            message = json.writeValueAsString(new Envelope(List.copyOf(rooms), event, json.writeValueAsString(payload)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("realtime payload of " + event + " can't be rendered as JSON", e);
        }
        try {
            redis.convertAndSend(CHANNEL, message);
        } catch (RuntimeException e) {
            log.warn("realtime {} to {} dropped: Redis unreachable", event, rooms, e);
        }
    }
}
