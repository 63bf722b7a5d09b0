package dz.zst.query.shared;

import dz.zst.domain.shared.ReadModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;

/**
 * Rendered responses, cached twice: in this node's memory, and in Redis for every node. Each entry
 * is tagged with the generations of the read models it was built from; one Redis MGET per read
 * tells whether any of them changed since, on any node. The generation is read before the
 * database, so an entry built from rows older than a bump always carries the older generation and
 * is never served after the bump. Redis entries are keyed by generation and simply expire. While
 * Redis is down every read renders from the rows (generations are bumped through
 * {@link dz.zst.domain.shared.GenerationBumps}, which keeps the bumps Redis refused for its return).
 */
@Component
public class ReadModelCache {

    private static final Logger log = LoggerFactory.getLogger(ReadModelCache.class);

    private record Entry(String generation, RenderedBody body) {
    }

    private final StringRedisTemplate redis;
    private final RedisTemplate<String, byte[]> bodies;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Duration sharedTtl;

    public ReadModelCache(StringRedisTemplate redis, @Value("${zst.cache.max-entries:20000}") int maxEntries,
                          @Value("${zst.cache.shared-ttl:10m}") Duration sharedTtl) {
        this.redis = redis;
        this.maxEntries = maxEntries;
        this.sharedTtl = sharedTtl;
        this.bodies = new RedisTemplate<>();
        bodies.setConnectionFactory(redis.getRequiredConnectionFactory());
        bodies.setKeySerializer(RedisSerializer.string());
        bodies.setValueSerializer(RedisSerializer.byteArray());
        bodies.afterPropertiesSet();
    }

    /**
     * The generations of {@code sources} as {@link #get(String, String, Supplier)} takes them, and
     * the values of {@code otherKeys} (null when absent), in the one MGET a cached read makes anyway:
     * a caller that needs other keys checked on every read (a signed-in caller's own generation)
     * pays no second round trip for them.
     */
    public Generations generations(List<ReadModel> sources, List<String> otherKeys) {
        return generationsAt(sources.stream().map(ReadModel::generationKey).toList(), otherKeys);
    }

    /** As {@link #generations}, for generations kept at {@code sourceKeys} (counters: absent reads as 0). */
    public Generations generationsAt(List<String> sourceKeys, List<String> otherKeys) {
        List<String> keys = new ArrayList<>(sourceKeys.size() + otherKeys.size());
        keys.addAll(sourceKeys);
        keys.addAll(otherKeys);
        List<String> values = redis.opsForValue().multiGet(keys);
        if (values == null) {
            return new Generations("", Arrays.asList(new String[otherKeys.size()]));
        }
        return new Generations(joined(values.subList(0, sourceKeys.size())),
                values.subList(sourceKeys.size(), values.size()));
    }

    /** Gives the row generation at {@code rowGenerationKey} a value never used before, unless it has one. */
    private void startRowGeneration(String rowGenerationKey) {
        try {
            redis.opsForValue().setIfAbsent(rowGenerationKey, UUID.randomUUID().toString(), ReadModel.ROW_GENERATION_TTL);
        } catch (RuntimeException e) {
            log.debug("could not start the generation at {}", rowGenerationKey, e);
        }
    }

    /** What {@link #generations} read: {@code sources} for {@link #get(String, String, Supplier)}, the other keys' values in order. */
    public record Generations(String sources, List<String> others) {
    }

    public RenderedBody get(String key, List<ReadModel> sources, Supplier<byte[]> loader) {
        String generation;
        try {
            generation = generations(sources, List.of()).sources();
        } catch (RuntimeException e) {
            log.debug("generations unavailable, rendering {} from the rows", key, e);
            return uncached(loader);
        }
        return get(key, generation, loader);
    }

    /**
     * As {@link #get(String, List, Supplier)}, for an answer built from the sources kept at
     * {@code sourceKeys} and from rows with a generation of their own at {@code rowGenerationKey},
     * both read in one MGET (see {@link #get(String, String, String, String, Supplier)}).
     */
    public RenderedBody get(String key, List<String> sourceKeys, String rowGenerationKey, Supplier<byte[]> loader) {
        Generations read;
        try {
            read = generationsAt(sourceKeys, List.of(rowGenerationKey));
        } catch (RuntimeException e) {
            log.debug("generations unavailable, rendering {} from the rows", key, e);
            return uncached(loader);
        }
        return get(key, read.sources(), rowGenerationKey, read.others().get(0), loader);
    }

    /**
     * For a read that could not read its generations (Redis down): nothing cached can be checked, so
     * nothing is served from the cache; the rows answer. What this node holds may be outdated by
     * writes it cannot hear of meanwhile: dropped.
     */
    private RenderedBody uncached(Supplier<byte[]> loader) {
        entries.clear();
        return RenderedBody.of(loader.get());
    }

    /**
     * As {@link #get(String, String, Supplier)}, for an answer built from rows with their own
     * generation besides the sources' ({@code rowGeneration} at {@code rowGenerationKey}, read in the
     * same MGET). An absent row generation (never set, or expired) caches nothing: an entry cached
     * while it was absent before could match it again. The read gives it a new value for the next.
     */
    public RenderedBody get(String key, String sourcesGeneration, String rowGenerationKey, String rowGeneration,
                            Supplier<byte[]> loader) {
        if (rowGeneration == null) {
            startRowGeneration(rowGenerationKey);
            return RenderedBody.of(loader.get());
        }
        return get(key, sourcesGeneration + "/" + rowGeneration, loader);
    }

    /**
     * As {@link #get(String, List, Supplier)}, with the sources' generation already read (by
     * {@link #generations}); it must have been read before anything the loader reads, as there.
     */
    public RenderedBody get(String key, String generation, Supplier<byte[]> loader) {
        Entry entry = entries.get(key);
        if (entry != null && entry.generation.equals(generation)) {
            return entry.body;
        }
        String sharedKey = "rm:cache:" + generation + ":" + key;
        byte[] body = shared(sharedKey);
        if (body == null) {
            body = loader.get();
            share(sharedKey, body);
        }
        if (entries.size() >= maxEntries) {
            // Bounded memory: a full cache starts over rather than tracking recency on the hot path.
            entries.clear();
        }
        RenderedBody rendered = RenderedBody.of(body);
        entries.put(key, new Entry(generation, rendered));
        return rendered;
    }

    private static String joined(List<String> values) {
        return String.join(".", values.stream().map(v -> v == null ? "0" : v).toList());
    }

    /** The shared level is an optimisation: when Redis refuses, the node renders the response itself. */
    private byte[] shared(String key) {
        try {
            return bodies.opsForValue().get(key);
        } catch (RuntimeException e) {
            log.debug("shared cache read failed for {}", key, e);
            return null;
        }
    }

    private void share(String key, byte[] body) {
        try {
            bodies.opsForValue().set(key, body, sharedTtl);
        } catch (RuntimeException e) {
            log.debug("shared cache write failed for {}", key, e);
        }
    }
}
