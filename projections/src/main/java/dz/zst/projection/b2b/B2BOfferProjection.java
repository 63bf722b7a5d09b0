package dz.zst.projection.b2b;

import static dz.zst.projection.shared.EventColumns.position;
import static dz.zst.projection.shared.EventColumns.utc;

import dz.zst.domain.b2b.B2BEvents.B2BAuctionEndingSoonEvent;
import dz.zst.domain.b2b.B2BEvents.B2BAuctionWonEvent;
import dz.zst.domain.b2b.B2BEvents.B2BBidPlacedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BNegotiationAcceptedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BNegotiationRejectedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BNegotiationSubmittedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BOfferClosedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BOfferCreatedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BOfferExpiredEvent;
import dz.zst.domain.b2b.B2BEvents.B2BResponseWithdrawnEvent;
import dz.zst.domain.b2b.B2BEvents.SetAside;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BResponseId;
import dz.zst.domain.b2b.OfferStatus;
import dz.zst.domain.b2b.ResponseStatus;
import dz.zst.domain.b2b.ResponseType;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.UserId;
import dz.zst.projection.shared.JsonColumns;
import dz.zst.projection.shared.ReadModelGenerations;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The b2b_offers and b2b_responses tables (API.md §8), folded from the B2BOffer aggregate, which
 * owns its responses. Every event moves its offer's row (version, position), also when only
 * responses change: writers wait for that row to reach their event (read-your-writes,
 * {@link ReadModel#B2B_OFFERS}). Each row an event touches is guarded by its own position, so a
 * redelivered event changes no row twice (a response count moves with its guarded offer row).
 * Times come from the events.
 */
@Component
@ProcessingGroup("b2b")
public class B2BOfferProjection {

    private final JdbcClient jdbc;
    private final ReadModelGenerations generations;

    public B2BOfferProjection(JdbcClient jdbc, ReadModelGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE b2b_offers, b2b_responses").update();
        generations.bump(ReadModel.B2B_OFFERS);
    }

    /** The first event of its stream: a row already there folded it, or something after it. */
    @EventHandler
    void on(B2BOfferCreatedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        jdbc.sql("""
                INSERT INTO b2b_offers (id, seller_id, title, description, images, tags, base_price, min_quantity,
                                        available_quantity, offer_type, status, starts_at, ends_at, target_category,
                                        responses_count, created_at, updated_at, version, position)
                VALUES (:id, :seller, :title, :description, CAST(:images AS jsonb), CAST(:tags AS jsonb), :basePrice,
                        :minQuantity, :availableQuantity, :offerType, :status, :startsAt, :endsAt, :target, 0,
                        :at, :at, :version, :position)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", event.offerId().value())
                .param("seller", event.sellerId().value())
                .param("title", event.title())
                .param("description", event.description())
                .param("images", JsonColumns.write(event.images() == null ? List.of() : event.images()))
                .param("tags", JsonColumns.write(event.tags() == null ? List.of() : event.tags()))
                .param("basePrice", event.basePrice())
                .param("minQuantity", event.minQuantity())
                .param("availableQuantity", event.availableQuantity())
                .param("offerType", event.offerType().wire())
                .param("status", OfferStatus.ACTIVE.wire())
                .param("startsAt", utc(event.startsAt() == null ? at : event.startsAt()))
                .param("endsAt", event.endsAt() == null ? null : utc(event.endsAt()))
                .param("target", event.targetCategory().wire())
                .param("at", utc(at))
                .param("version", version)
                .param("position", position(token))
                .update();
    }

    @EventHandler
    void on(B2BBidPlacedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        insertResponse(event.offerId(), event.responseId(), event.bidderId(), ResponseType.BID, event.amount(),
                event.quantity(), event.message(), at, token);
        if (event.outbid() != null) {
            responseStatus(event.outbid().responseId(), ResponseStatus.OUTBID, at, token);
        }
        Map<String, Object> values = new HashMap<>();
        values.put("bid", event.amount());
        values.put("bidder", event.bidderId().value());
        values.put("endsAt", event.endsAt() == null ? null : utc(event.endsAt()));
        offer(event.offerId(), "current_bid = :bid, highest_bidder_id = :bidder, ends_at = :endsAt, "
                + "responses_count = responses_count + 1, updated_at = :at", values, at, version, token);
    }

    @EventHandler
    void on(B2BNegotiationSubmittedEvent event, @Timestamp Instant at, @SequenceNumber long version,
            TrackingToken token) {
        insertResponse(event.offerId(), event.responseId(), event.buyerId(), ResponseType.NEGOTIATION,
                event.amount(), event.quantity(), event.message(), at, token);
        offer(event.offerId(), "responses_count = responses_count + 1, updated_at = :at", new HashMap<>(), at,
                version, token);
    }

    @EventHandler
    void on(B2BNegotiationAcceptedEvent event, @Timestamp Instant at, @SequenceNumber long version,
            TrackingToken token) {
        responseStatus(event.responseId(), ResponseStatus.ACCEPTED, at, token);
        rejectAll(event.noLongerFitting(), at, token);
        Map<String, Object> values = new HashMap<>();
        values.put("available", event.availableQuantity());
        String assignments = "available_quantity = :available, updated_at = :at";
        if (event.soldOut()) {
            values.put("status", OfferStatus.SOLD.wire());
            assignments += ", status = :status";
        }
        offer(event.offerId(), assignments, values, at, version, token);
    }

    @EventHandler
    void on(B2BNegotiationRejectedEvent event, @Timestamp Instant at, @SequenceNumber long version,
            TrackingToken token) {
        responseStatus(event.responseId(), ResponseStatus.REJECTED, at, token);
        touch(event.offerId(), version, token);
    }

    @EventHandler
    void on(B2BResponseWithdrawnEvent event, @Timestamp Instant at, @SequenceNumber long version,
            TrackingToken token) {
        responseStatus(event.responseId(), ResponseStatus.WITHDRAWN, at, token);
        touch(event.offerId(), version, token);
    }

    @EventHandler
    void on(B2BOfferClosedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        rejectAll(event.rejected(), at, token);
        offerStatus(event.offerId(), OfferStatus.CLOSED, at, version, token);
    }

    /** Nothing to show: the end it announces is already the row's. */
    @EventHandler
    void on(B2BAuctionEndingSoonEvent event, @SequenceNumber long version, TrackingToken token) {
        touch(event.offerId(), version, token);
    }

    /**
     * The winning bid is accepted and every other bid of the auction still pending or outbid is
     * rejected, the listed losers included whatever their state.
     */
    @EventHandler
    void on(B2BAuctionWonEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        responseStatus(event.winningResponseId(), ResponseStatus.ACCEPTED, at, token);
        jdbc.sql("""
                UPDATE b2b_responses SET status = :rejected, updated_at = :at, position = :position
                WHERE offer_id = :offer AND id <> :winner AND position < :position
                  AND (id = ANY(CAST(:losers AS uuid[]))
                       OR (response_type = :bid AND status IN (:pending, :outbid)))
                """)
                .param("rejected", ResponseStatus.REJECTED.wire())
                .param("at", utc(at))
                .param("position", position(token))
                .param("offer", event.offerId().value())
                .param("winner", event.winningResponseId().value())
                .param("losers", ids(event.losers()))
                .param("bid", ResponseType.BID.wire())
                .param("pending", ResponseStatus.PENDING.wire())
                .param("outbid", ResponseStatus.OUTBID.wire())
                .update();
        offerStatus(event.offerId(), OfferStatus.SOLD, at, version, token);
    }

    @EventHandler
    void on(B2BOfferExpiredEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        rejectAll(event.rejected(), at, token);
        offerStatus(event.offerId(), OfferStatus.EXPIRED, at, version, token);
    }

    private void insertResponse(B2BOfferId offerId, B2BResponseId responseId, UserId buyerId, ResponseType type,
                                BigDecimal amount, int quantity, String message, Instant at, TrackingToken token) {
        // A response is recorded by one event only: a row already there is that event, folded before.
        jdbc.sql("""
                INSERT INTO b2b_responses (id, offer_id, buyer_id, response_type, status, amount, quantity, message,
                                           created_at, updated_at, position)
                VALUES (:id, :offer, :buyer, :type, :status, :amount, :quantity, :message, :at, :at, :position)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", responseId.value())
                .param("offer", offerId.value())
                .param("buyer", buyerId.value())
                .param("type", type.wire())
                .param("status", ResponseStatus.PENDING.wire())
                .param("amount", amount)
                .param("quantity", quantity)
                .param("message", message)
                .param("at", utc(at))
                .param("position", position(token))
                .update();
    }

    private void responseStatus(B2BResponseId responseId, ResponseStatus status, Instant at, TrackingToken token) {
        jdbc.sql("UPDATE b2b_responses SET status = :status, updated_at = :at, position = :position "
                        + "WHERE id = :id AND position < :position")
                .param("status", status.wire())
                .param("at", utc(at))
                .param("position", position(token))
                .param("id", responseId.value())
                .update();
    }

    private void rejectAll(List<SetAside> responses, Instant at, TrackingToken token) {
        if (responses == null || responses.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE b2b_responses SET status = :status, updated_at = :at, position = :position "
                        + "WHERE id = ANY(CAST(:ids AS uuid[])) AND position < :position")
                .param("status", ResponseStatus.REJECTED.wire())
                .param("at", utc(at))
                .param("position", position(token))
                .param("ids", ids(responses))
                .update();
    }

    /** The ids as a PostgreSQL array literal, which the statement casts: no driver array type to create. */
    private static String ids(List<SetAside> responses) {
        return responses == null ? "{}" : responses.stream().map(aside -> aside.responseId().value().toString())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private void offerStatus(B2BOfferId offerId, OfferStatus status, Instant at, long version, TrackingToken token) {
        Map<String, Object> values = new HashMap<>();
        values.put("status", status.wire());
        offer(offerId, "status = :status, updated_at = :at", values, at, version, token);
    }

    /** The offer's row folded the event, though none of its own fields changed. */
    private void touch(B2BOfferId offerId, long version, TrackingToken token) {
        offer(offerId, null, new HashMap<>(), null, version, token);
    }

    /** Applies {@code assignments} to the offer's row unless the row already folded this event. */
    private void offer(B2BOfferId offerId, String assignments, Map<String, Object> values, Instant at, long version,
                       TrackingToken token) {
        var update = jdbc.sql("UPDATE b2b_offers SET " + (assignments == null ? "" : assignments + ", ")
                        + "version = :version, position = :position WHERE id = :id AND position < :position")
                .params(values)
                .param("version", version)
                .param("position", position(token))
                .param("id", offerId.value());
        if (at != null) {
            update = update.param("at", utc(at));
        }
        update.update();
    }
}
