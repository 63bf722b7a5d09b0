package dz.zst.app.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Redis side of Idempotency-Key: a claim taken with SET NX while the first request runs (short
 * TTL, so a node that dies mid-request does not block the key for a day), replaced by the recorded
 * response for 24 h once it is known.
 */
@Component
public class IdempotencyStore {

    /** What is stored under a key: a claim (no status yet) or the recorded response. */
    public record Entry(@JsonProperty("fingerprint") String fingerprint,
                        @JsonProperty("status") int status,
                        @JsonProperty("content_type") String contentType,
                        @JsonProperty("location") String location,
                        @JsonProperty("body") byte[] body) {

        static Entry claim(String fingerprint) {
            return new Entry(fingerprint, 0, null, null, null);
        }

        public boolean inProgress() {
            return status == 0;
        }
    }

    private final StringRedisTemplate redis;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Duration claimTtl;
    private final Duration responseTtl;

    public IdempotencyStore(StringRedisTemplate redis,
                            @Value("${zst.idempotency.claim-ttl:5m}") Duration claimTtl,
                            @Value("${zst.idempotency.ttl:24h}") Duration responseTtl) {
        this.redis = redis;
        this.claimTtl = claimTtl;
        this.responseTtl = responseTtl;
    }

    /** Claims the key for a first request; empty when it was claimed, else what is already there. */
    public Optional<Entry> claimOrGet(String key, String fingerprint) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Boolean claimed = redis.opsForValue().setIfAbsent(key, write(Entry.claim(fingerprint)), claimTtl);
            if (Boolean.TRUE.equals(claimed)) {
                return Optional.empty();
            }
            String existing = redis.opsForValue().get(key);
            if (existing != null) {
                return Optional.of(read(existing));
            }
            // The entry expired or was released between the two calls: try to claim again.
        }
        throw new IllegalStateException("could not claim idempotency key");
    }

    public void record(String key, Entry response) {
        redis.opsForValue().set(key, write(response), responseTtl);
    }

    public void release(String key) {
        redis.delete(key);
    }

    private String write(Entry entry) {
        try {
            return mapper.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Entry read(String json) {
        try {
            return mapper.readValue(json, Entry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable idempotency entry", e);
        }
    }
}
