package dz.zst.query.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.domain.shared.DomainException;
import dz.zst.domain.shared.ReadModel;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * How query controllers read: a typed query through the gateway, its failure unwrapped, and
 * optionally the rendered JSON cached per read-model generation.
 */
@Component
public class Reads {

    private final QueryGateway queries;
    private final ReadModelCache cache;
    private final ObjectMapper json;

    public Reads(QueryGateway queries, ReadModelCache cache, ObjectMapper json) {
        this.queries = queries;
        this.cache = cache;
        this.json = json;
    }

    public <T> T ask(Object query, Class<T> type) {
        try {
            return queries.query(query, ResponseTypes.instanceOf(type)).join();
        } catch (CompletionException e) {
            throw DomainException.unwrap(e);
        }
    }

    /** The query's answer rendered as JSON, served from cache while {@code sources} are unchanged. */
    public <T> RenderedBody cachedJson(String cacheKey, List<ReadModel> sources, Object query, Class<T> type,
                                 Function<T, Object> body) {
        return cache.get(cacheKey, sources, () -> render(body.apply(ask(query, type))));
    }

    /** As above, with the sources' generation already read ({@link ReadModelCache#generations}). */
    public <T> RenderedBody cachedJson(String cacheKey, String generation, Object query, Class<T> type,
                                       Function<T, Object> body) {
        return cache.get(cacheKey, generation, () -> render(body.apply(ask(query, type))));
    }

    public ReadModelCache.Generations generations(List<ReadModel> sources, List<String> otherKeys) {
        return cache.generations(sources, otherKeys);
    }

    public byte[] render(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName(), e);
        }
    }
}
