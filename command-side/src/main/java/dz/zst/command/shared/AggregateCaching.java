package dz.zst.command.shared;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps hot aggregates in memory and snapshots long streams, so a checkout doesn't replay a best
 * seller's thousands of stock events. The cache is only an optimisation: Axon evicts an entry when
 * its unit of work rolls back, and a copy made stale by another node loses the append race on the
 * event store's (aggregate, sequence) key and is retried from the store.
 */
@Configuration
public class AggregateCaching {

    @Bean
    public Cache aggregateCache(@Value("${zst.aggregate-cache.max-entries:20000}") long maxEntries,
                                @Value("${zst.aggregate-cache.idle-expiry:15m}") Duration idleExpiry) {
        return new CaffeineAggregateCache(Caffeine.newBuilder().maximumSize(maxEntries)
                .expireAfterAccess(idleExpiry).<Object, Object>build().asMap());
    }

    /**
     * Axon's Spring snapshotter, but taking snapshots on a background thread: by default it runs
     * after the commit in the thread that committed, while the aggregate's lock is still held, so
     * every hundredth checkout of a best seller also paid for reading and writing its snapshot. A
     * snapshot the bounded queue drops is harmless: the next trigger takes one.
     */
    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           EventStore eventStore, TransactionManager transactionManager,
                                                           SnapshotterSpanFactory spanFactory) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000),
                runnable -> {
                    Thread thread = new Thread(runnable, "aggregate-snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(executor)
                .build();
    }

    @Bean
    public SnapshotTriggerDefinition productSnapshotTrigger(Snapshotter snapshotter,
                                                            @Value("${zst.snapshots.product-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** Axon's cache contract over a bounded Caffeine map (Axon ships only unbounded or weak caches). */
    static final class CaffeineAggregateCache implements Cache {
        private final ConcurrentMap<Object, Object> entries;

        CaffeineAggregateCache(ConcurrentMap<Object, Object> entries) {
            this.entries = entries;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> V get(K key) {
            return (V) entries.get(key);
        }

        @Override
        public void put(Object key, Object value) {
            entries.put(key, value);
        }

        @Override
        public boolean putIfAbsent(Object key, Object value) {
            return entries.putIfAbsent(key, value) == null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
            return (T) entries.computeIfAbsent(key, k -> valueSupplier.get());
        }

        @Override
        public boolean remove(Object key) {
            return entries.remove(key) != null;
        }

        @Override
        public void removeAll() {
            entries.clear();
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
            entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
        }

        /** Nothing in the platform listens to cache entries; Axon's repositories don't either. */
        @Override
        public Registration registerCacheEntryListener(EntryListener listener) {
            return () -> true;
        }
    }
}
