package dz.zst.projection.shared;

import dz.zst.domain.shared.GenerationBumps;
import dz.zst.domain.shared.ReadModel;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-model generations in Redis: caches keyed by generation on every node drop what they held
 * when it changes. A cached read model's ({@link ReadModel#cached()}) generation is bumped after each
 * of its group's committed batches by {@link FoldedEvents}, once per batch and before the batch is
 * announced; bumping before the commit would let a reader cache the old rows under the new
 * generation. Projections bump here only what no batch covers (a reset) and the per-row generations of the users read model; writers that found
 * their fold in the rows bump through {@link GenerationBumps} too.
 *
 * <p>A bump Redis refuses (an outage) is kept and made again every {@value #RETRY_MS} ms until Redis
 * takes it. While Redis is down no cache can check a generation, so every read renders from
 * PostgreSQL; the rows written meanwhile would otherwise sit behind generations that never changed,
 * and when Redis came back with its data, caches would serve what they had built before the outage.
 * Lost bumps live in this node's memory only: a node killed during the outage takes its lost
 * bumps with it, and a cache of those read models is stale until their next change.
 */
@Component
public class ReadModelGenerations implements GenerationBumps, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelGenerations.class);
    private static final long RETRY_MS = 500;

    private final StringRedisTemplate redis;
    /** Counter keys and row keys whose bump Redis refused. */
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private final Set<String> lostRows = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean losing = new AtomicBoolean();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "generation-bumps");
        thread.setDaemon(true);
        return thread;
    });

    public ReadModelGenerations(StringRedisTemplate redis) {
        this.redis = redis;
        retries.scheduleWithFixedDelay(this::retryLost, RETRY_MS, RETRY_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void bump(String generationKey) {
        bumpNow(generationKey);
    }

    /** Bumps now and says so; {@code false}: Redis refused, the bump is kept and made later. */
    public boolean bumpNow(ReadModel readModel) {
        return bumpNow(readModel.generationKey());
    }

    private boolean bumpNow(String generationKey) {
        try {
            redis.opsForValue().increment(generationKey);
            return true;
        } catch (RuntimeException e) {
            lost.add(generationKey);
            lose(e);
            return false;
        }
    }

    @Override
    public void bumpRow(String rowGenerationKey) {
        try {
            setRow(rowGenerationKey);
        } catch (RuntimeException e) {
            lostRows.add(rowGenerationKey);
            lose(e);
        }
    }

    /** Changes one row's generation once its change is committed ({@link ReadModel#cachedPerRow()}). */
    public void bumpRowAfterCommit(ReadModel readModel, Object rowId) {
        String rowGenerationKey = readModel.generationKey(rowId);
        if (CurrentUnitOfWork.isStarted()) {
            bumpRowAfterCommit(CurrentUnitOfWork.get().root(), rowGenerationKey);
        } else {
            bumpRow(rowGenerationKey);
        }
    }

    /**
     * Changes the row generation at {@code rowGenerationKey} once {@code root} has committed, once
     * however many times a batch asks: for a writer handed its batch's unit of work (a
     * {@link BatchedWrites} writer) and a row generation kept outside {@link ReadModel}.
     */
    public void bumpRowAfterCommit(UnitOfWork<?> root, String rowGenerationKey) {
        if (root.resources().putIfAbsent("bump:" + rowGenerationKey, Boolean.TRUE) == null) {
            root.afterCommit(u -> bumpRow(rowGenerationKey));
        }
    }

    private void setRow(String rowGenerationKey) {
        redis.opsForValue().set(rowGenerationKey, UUID.randomUUID().toString(), ReadModel.ROW_GENERATION_TTL);
    }

    private void lose(RuntimeException e) {
        if (losing.compareAndSet(false, true)) {
            log.warn("Redis refused a read-model generation bump ({}): kept, retried every {} ms", e.toString(), RETRY_MS);
        }
    }

    /** Makes the kept bumps, stopping at the first refusal (Redis still down: the next round retries). */
    void retryLost() {
        if (!losing.get()) {
            return;
        }
        try {
            int made = 0;
            for (String key : lost) {
                redis.opsForValue().increment(key);
                lost.remove(key);
                made++;
            }
            for (String key : lostRows) {
                setRow(key);
                lostRows.remove(key);
                made++;
            }
            losing.set(false);
            // A bump lost between the loops and the reset above is made by the next round.
            if (!lost.isEmpty() || !lostRows.isEmpty()) {
                losing.set(true);
            }
            log.info("Redis answers again: made the {} read-model generation bumps it had refused", made);
        } catch (RuntimeException e) {
            log.debug("kept generation bumps still refused", e);
        }
    }

    /** How many bumps are kept for Redis's return (0 when every bump was made). */
    public int lostBumps() {
        return lost.size() + lostRows.size();
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }
}
