package dz.zst.query.shared;

import dz.zst.domain.shared.ReadModel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Rendered responses kept in this node's memory, each tagged with the generations of the read
 * models it was built from. One Redis MGET per read tells whether any of them changed since, on
 * any node; if so the entry is rebuilt. The generation is read before the database, so an entry
 * built from rows older than a bump is always tagged with the older generation.
 */
@Component
public class ReadModelCache {

    private record Entry(String generation, byte[] body) {
    }

    private final StringRedisTemplate redis;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    public ReadModelCache(StringRedisTemplate redis, @Value("${zst.cache.max-entries:20000}") int maxEntries) {
        this.redis = redis;
        this.maxEntries = maxEntries;
    }

    public byte[] get(String key, List<ReadModel> sources, Supplier<byte[]> loader) {
        String generation = generationOf(sources);
        Entry entry = entries.get(key);
        if (entry != null && entry.generation.equals(generation)) {
            return entry.body;
        }
        byte[] body = loader.get();
        if (entries.size() >= maxEntries) {
            // Bounded memory: a full cache starts over rather than tracking recency on the hot path.
            entries.clear();
        }
        entries.put(key, new Entry(generation, body));
        return body;
    }

    public void bump(ReadModel readModel) {
        redis.opsForValue().increment(readModel.generationKey());
    }

    private String generationOf(List<ReadModel> sources) {
        List<String> values = redis.opsForValue().multiGet(sources.stream().map(ReadModel::generationKey).toList());
        return values == null ? "" : Arrays.toString(values.toArray());
    }
}
