package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import java.lang.reflect.Field;
import dz.zst.domain.reels.ReelEvents.ReelLikedEvent;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.ReelLikeId;
import dz.zst.domain.shared.UserId;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every processor, those named in {@code axon.eventhandling.processors} included, runs with the
 * platform's settings: two segments, batches of up to 100 events, and a paced work package pool.
 * (Axon's Spring Boot defaults for a named processor, 16 segments and batches of one, had silently
 * replaced them.)
 */
class ProcessorSettingsApiTest extends ApiTestBase {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcClient jdbc;

    /** Axon exposes no getter for these; its fields are read here only to check the wiring. */
    private static Object field(EventProcessor processor, String name) throws ReflectiveOperationException {
        Field field = PooledStreamingEventProcessor.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(processor);
    }

    @Test
    void everyProcessorHasTwoSegmentsBatchesOfAHundredAndAPacedPool() throws Exception {
        assertThat(processing.eventProcessors()).containsKeys("products", "users", "orders", "reels", "carts", "b2b",
                "dashboard", "notifications", "freelance", "messages");
        for (EventProcessor processor : processing.eventProcessors().values()) {
            String name = processor.getName();
            assertThat(processor).as(name).isInstanceOf(PooledStreamingEventProcessor.class);
            assertThat(field(processor, "workerExecutor")).as(name).isInstanceOf(PacedWorkers.class);
            assertThat(field(processor, "batchSize")).as(name).isEqualTo(100);
            assertThat(jdbc.sql("SELECT count(*) FROM tokenentry WHERE processorname = ?").param(name)
                    .query(Long.class).single()).as(name).isEqualTo(2L);
        }
    }

    /**
     * A reel's like is sequenced by its reel in the reels read model and in the reel pushes alike,
     * so the push waits on the read model segment of its own number (placed on the same node) and a
     * reel's pushes keep the order of its folds. Per like, the default, a push segment waited on
     * either reels segment.
     */
    @Test
    void theReelPushesFollowTheReelsSequence() {
        ReelId reel = ReelId.random();
        GenericEventMessage<ReelLikedEvent> like = new GenericEventMessage<>(
                new ReelLikedEvent(ReelLikeId.of(reel, UserId.of(UUID.randomUUID().toString())), reel, UserId.of(UUID.randomUUID().toString())));
        for (String group : new String[] {"reels", "reel-pushes", "dashboard"}) {
            assertThat(processing.sequencingPolicy(group).getSequenceIdentifierFor(like)).as(group)
                    .isEqualTo(reel.value());
        }
    }
}
