package dz.zst.projection.shared;

import dz.zst.domain.shared.ReadModel;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-model generations in Redis: caches keyed by generation on every node drop what they held
 * when it changes. A group's generation is bumped after each of its committed batches by
 * {@link FoldedEvents}, once per batch and before the batch is announced; bumping before the commit
 * would let a reader cache the old rows under the new generation. Projections bump here only what
 * no batch covers (a reset) and the per-row generations of the users read model.
 */
@Component
public class ReadModelGenerations {

    private final StringRedisTemplate redis;

    public ReadModelGenerations(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public void bump(ReadModel readModel) {
        redis.opsForValue().increment(readModel.generationKey());
    }

    /** Changes one row's generation once its change is committed ({@link ReadModel#cachedPerRow()}). */
    public void bumpRowAfterCommit(ReadModel readModel, Object rowId) {
        if (CurrentUnitOfWork.isStarted()) {
            var unitOfWork = CurrentUnitOfWork.get().root();
            if (unitOfWork.resources().putIfAbsent("bump:" + readModel.name() + ":" + rowId, Boolean.TRUE) == null) {
                unitOfWork.afterCommit(u -> bumpRow(redis, readModel, rowId));
            }
        } else {
            bumpRow(redis, readModel, rowId);
        }
    }

    private static void bumpRow(StringRedisTemplate redis, ReadModel readModel, Object rowId) {
        redis.opsForValue().set(readModel.generationKey(rowId), UUID.randomUUID().toString(),
                ReadModel.ROW_GENERATION_TTL);
    }
}
