package dz.zst.app.b2b;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.domain.b2b.B2BEvents.B2BOfferCreatedEvent;
import dz.zst.domain.b2b.B2BEvents.SetAside;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BResponseId;
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.shared.AuditMetadata;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One B2BOffer's event stream written straight into the real event store, each event with its
 * actor's metadata as a command would leave it: the read side's tests need no aggregate (the write
 * side is built elsewhere), only the events it promises in domain-core's B2BEvents.
 */
final class OfferStream {

    /** A user as the metadata names it. */
    record Party(String token, String userId, String role) {
        UserId id() {
            return UserId.of(userId);
        }

        SetAside aside(B2BResponseId response) {
            return new SetAside(response, id());
        }
    }

    private final EventStore store;
    private final TransactionManager transactions;
    private final JdbcClient jdbc;
    final B2BOfferId offerId = B2BOfferId.random();
    private long sequence;
    /** The stream's last timestamp: each event is stamped at least a millisecond after it. */
    private Instant stamped = Instant.EPOCH;

    OfferStream(EventStore store, TransactionManager transactions, JdbcClient jdbc) {
        this.store = store;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    String id() {
        return offerId.toString();
    }

    static B2BOfferCreatedEvent created(B2BOfferId offerId, Party seller, SellerCategory tier, String title,
                                        OfferType type, SellerCategory target, Instant endsAt) {
        return new B2BOfferCreatedEvent(offerId, seller.id(), tier, title, "Lot de " + title,
                List.of("https://cdn.zst.test/" + title + ".jpg"), List.of("lot", "gros"), new BigDecimal("100000.00"),
                10, 100, type, target, Instant.now().minusSeconds(60), endsAt);
    }

    /** Appends the next event of the stream, caused by {@code actor} (null: the platform itself). */
    OfferStream append(Object payload, Party actor) {
        GenericDomainEventMessage<Object> event = next(payload, actor);
        transactions.executeInTransaction(() -> store.publish(event));
        return this;
    }

    /** Something done while an appended event is held uncommitted. */
    interface Meanwhile {
        void run() throws Exception;
    }

    /**
     * Appends the next event in a transaction that commits only once {@code meanwhile} has run:
     * its global index is taken first, so every reader of the store finds later events before it
     * and comes back for it, as for any transaction that commits late.
     */
    OfferStream appendCommittingAfter(Object payload, Party actor, Meanwhile meanwhile) throws Exception {
        GenericDomainEventMessage<Object> event = next(payload, actor);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> transactions.executeInTransaction(() -> {
            store.publish(event);
            inserted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }));
        try {
            assertThat(inserted.await(10, TimeUnit.SECONDS)).as("the held event was inserted").isTrue();
            meanwhile.run();
        } finally {
            release.countDown();
        }
        held.get(10, TimeUnit.SECONDS);
        return this;
    }

    private GenericDomainEventMessage<Object> next(Object payload, Party actor) {
        Map<String, String> metadata = actor == null ? Map.of()
                : Map.of(AuditMetadata.ACTOR_ID, actor.userId(), AuditMetadata.ACTOR_ROLE, actor.role());
        // Appended within one millisecond, two events would share a timestamp (the store keeps
        // milliseconds); a stream's events happen one after the other, and the read side's
        // updated_at is asserted to move on.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        stamped = now.isAfter(stamped) ? now : stamped.plusMillis(1);
        return new GenericDomainEventMessage<>("B2BOffer", id(), sequence++, payload, MetaData.from(metadata),
                UUID.randomUUID().toString(), stamped);
    }

    /** Waits (at most 20 s) until the offer's row has folded every event appended so far. */
    OfferStream folded() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Long version = jdbc.sql("SELECT version FROM b2b_offers WHERE id = ?").param(offerId.value())
                    .query(Long.class).optional().orElse(-1L);
            if (version == sequence - 1) {
                return this;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("offer " + id() + " folded up to " + version + ", appended " + (sequence - 1));
            }
            Thread.sleep(20);
        }
    }
}
