package dz.zst.projection.shared;

import dz.zst.domain.shared.ReadModel;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Bumps a read model's generation once its change is committed, so caches keyed by generation on
 * every node drop what they held. Bumping before the commit would let a reader cache the old rows
 * under the new generation.
 */
@Component
public class ReadModelGenerations {

    private final StringRedisTemplate redis;

    public ReadModelGenerations(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public void bumpAfterCommit(ReadModel readModel) {
        if (CurrentUnitOfWork.isStarted()) {
            var unitOfWork = CurrentUnitOfWork.get().root();
            String marker = "bump:" + readModel.name();
            if (unitOfWork.resources().putIfAbsent(marker, Boolean.TRUE) == null) {
                unitOfWork.afterCommit(u -> bump(readModel));
            }
        } else {
            bump(readModel);
        }
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
