package dz.zst.projection.notifications;

import static dz.zst.projection.shared.EventColumns.position;
import static dz.zst.projection.shared.EventColumns.utc;

import dz.zst.domain.b2b.B2BEvents.B2BAuctionEndingSoonEvent;
import dz.zst.domain.b2b.B2BEvents.B2BAuctionWonEvent;
import dz.zst.domain.b2b.B2BEvents.B2BBidPlacedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BNegotiationAcceptedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BNegotiationRejectedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BNegotiationSubmittedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BOfferCreatedEvent;
import dz.zst.domain.b2b.B2BEvents.B2BOfferExpiredEvent;
import dz.zst.domain.b2b.B2BEvents.SetAside;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BResponseId;
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderAcceptedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderCancelledEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderCompletedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderDeliveredEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderPlacedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderReviewedEvent;
import dz.zst.domain.freelance.FreelanceEvents.FreelanceOrderRevisionRequestedEvent;
import dz.zst.domain.freelance.FreelanceEvents.OrderParties;
import dz.zst.domain.freelance.FreelanceOrderId;
import dz.zst.domain.freelance.FreelanceOrderStatus.Party;
import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.MessageEvents.ConversationOpenedEvent;
import dz.zst.domain.messages.MessageEvents.MessagePostedEvent;
import dz.zst.domain.messages.MessageId;
import dz.zst.domain.notifications.NotificationType;
import dz.zst.domain.notifications.NotificationView;
import dz.zst.domain.notifications.NotificationsCreated;
import dz.zst.domain.notifications.NotificationsCreated.Created;
import dz.zst.domain.orders.OrderEvents.OrderCancelledEvent;
import dz.zst.domain.orders.OrderEvents.OrderConfirmedEvent;
import dz.zst.domain.orders.OrderEvents.OrderDeliveredEvent;
import dz.zst.domain.orders.OrderEvents.OrderPlacedEvent;
import dz.zst.domain.orders.OrderEvents.OrderShippedEvent;
import dz.zst.domain.orders.OrderId;
import dz.zst.domain.orders.OrderLine;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import dz.zst.projection.shared.JsonColumns;
import dz.zst.projection.shared.Replays;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notifications of API.md §10, in French, folded from the order, B2B offer and freelance order
 * events, once per fact and recipient: a notification's id derives from the event's identifier, its kind and its
 * recipient, and is inserted with ON CONFLICT DO NOTHING, so a redelivery or a replay never
 * notifies twice. Each kind goes to its recipients in one statement, a new offer to the whole
 * target tier as one INSERT … SELECT over the users read model (10,000 grossistes: one statement
 * in the batch's transaction, never one per recipient; the offer's writer waits only for the b2b
 * read model, so the fan-out never holds its creation up).
 *
 * <p>The notifications a batch really created (the statements' RETURNING rows: none for a row
 * already there) are told to {@link NotificationsCreated} once the batch commits, except while
 * the group replays, which rebuilds rows users were already told of. Read state is not here: it
 * is the users' own (table notification_reads), kept across a replay under the same ids.
 *
 * <p>The same statement records the mobile push of each notification it created whose recipient
 * has a push token (table notification_pushes, the outbox the command side's ExpoPushSender
 * empties), except while replaying: only the record of what must be sent is written here, in the
 * batch's transaction, never the sending. The reset leaves that outbox alone.
 */
@Component
@ProcessingGroup("notifications")
public class NotificationProjection {

    private static final Logger log = LoggerFactory.getLogger(NotificationProjection.class);
    private static final String CREATED = NotificationProjection.class.getName() + ".created";

    private final JdbcClient jdbc;
    private final List<NotificationsCreated> listeners;

    public NotificationProjection(JdbcClient jdbc, ObjectProvider<NotificationsCreated> listeners) {
        this.jdbc = jdbc;
        this.listeners = listeners.orderedStream().toList();
    }

    /** Only what events rebuild; the users' read state (notification_reads) is theirs and stays. */
    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE notifications, notification_orders, notification_offers, notification_conversations")
                .update();
    }

    @EventHandler
    void on(OrderPlacedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at, TrackingToken token) {
        jdbc.sql("""
                INSERT INTO notification_orders (id, order_number, buyer_id, seller_id, position)
                VALUES (:id, :number, :buyer, :seller, :position)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", event.orderId().value())
                .param("number", event.orderNumber())
                .param("buyer", event.buyerId() == null ? null : event.buyerId().value())
                .param("seller", event.sellerId().value())
                .param("position", position(token))
                .update();
        int units = event.items().stream().mapToInt(OrderLine::quantity).sum();
        notify(new Fact(eventId, at, token), NotificationType.NEW_ORDER, "Nouvelle commande",
                "Commande %s : %d article(s), total %s.".formatted(event.orderNumber(), units, dzd(event.total())),
                orderData(event.orderId(), event.orderNumber()), List.of(event.sellerId()));
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        toBuyer(event.orderId(), new Fact(eventId, at, token), NotificationType.ORDER_CONFIRMED,
                "Commande confirmée", "Votre commande %s a été confirmée par le vendeur.");
    }

    @EventHandler
    void on(OrderShippedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at, TrackingToken token) {
        toBuyer(event.orderId(), new Fact(eventId, at, token), NotificationType.ORDER_SHIPPED,
                "Commande expédiée", "Votre commande %s a été expédiée.");
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        toBuyer(event.orderId(), new Fact(eventId, at, token), NotificationType.ORDER_DELIVERED,
                "Commande livrée", "Votre commande %s a été livrée.");
    }

    @EventHandler
    void on(OrderCancelledEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        toBuyer(event.orderId(), new Fact(eventId, at, token), NotificationType.ORDER_CANCELLED,
                "Commande annulée", "Votre commande %s a été annulée.");
    }

    @EventHandler
    void on(B2BOfferCreatedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        jdbc.sql("""
                INSERT INTO notification_offers (id, seller_id, title, position)
                VALUES (:id, :seller, :title, :position)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", event.offerId().value())
                .param("seller", event.sellerId().value())
                .param("title", event.title())
                .param("position", position(token))
                .update();
        String message = (event.offerType() == OfferType.AUCTION
                ? "Nouvelle enchère pour votre catégorie : « %s », mise à prix %s."
                : "Nouveau lot à négocier pour votre catégorie : « %s », à partir de %s.")
                .formatted(event.title(), dzd(event.basePrice()));
        // The tier as the users read model has it, sellers already signed up when the offer was
        // listed: a replay rebuilds the same rows unless a seller changed tier since.
        String tier = """
                SELECT u.id FROM users u
                WHERE u.role = :role AND u.seller_category = :tier AND u.is_active AND u.id <> :owner
                  AND u.created_at <= :at
                """;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("role", Role.SELLER.wire());
        params.put("tier", event.targetCategory().wire());
        params.put("owner", event.sellerId().value());
        insert(new Fact(eventId, at, token), NotificationType.NEW_OFFER, "Nouvelle offre B2B", message,
                offerData(event.offerId(), null), tier, params);
    }

    @EventHandler
    void on(B2BBidPlacedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at, TrackingToken token) {
        Fact fact = new Fact(eventId, at, token);
        String title = offerTitle(event.offerId());
        notify(fact, NotificationType.NEW_BID, "Nouvelle enchère",
                "Enchère de %s sur « %s ».".formatted(dzd(event.amount()), title),
                offerData(event.offerId(), event.responseId()), List.of(event.sellerId()));
        if (event.outbid() != null && !event.outbid().buyerId().equals(event.bidderId())) {
            notify(fact, NotificationType.OUTBID, "Vous avez été surenchéri",
                    "Une enchère de %s dépasse la vôtre sur « %s ».".formatted(dzd(event.amount()), title),
                    offerData(event.offerId(), event.outbid().responseId()), List.of(event.outbid().buyerId()));
        }
    }

    @EventHandler
    void on(B2BNegotiationSubmittedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        notify(new Fact(eventId, at, token), NotificationType.NEGOTIATION_SUBMITTED, "Nouvelle proposition",
                "Proposition de %s pour %d unité(s) sur « %s ».".formatted(dzd(event.amount()), event.quantity(),
                        offerTitle(event.offerId())),
                offerData(event.offerId(), event.responseId()), List.of(event.sellerId()));
    }

    /** The accepted buyer, and each pending negotiation that no longer fits what is left. */
    @EventHandler
    void on(B2BNegotiationAcceptedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        Fact fact = new Fact(eventId, at, token);
        String title = offerTitle(event.offerId());
        notify(fact, NotificationType.NEGOTIATION_ACCEPTED, "Proposition acceptée",
                "Votre proposition sur « %s » a été acceptée : %d unité(s) pour %s.".formatted(title,
                        event.quantity(), dzd(event.amount())),
                offerData(event.offerId(), event.responseId()), List.of(event.buyerId()));
        for (SetAside aside : listed(event.noLongerFitting())) {
            rejected(fact, event.offerId(), aside.responseId(), aside.buyerId(), title);
        }
    }

    @EventHandler
    void on(B2BNegotiationRejectedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        rejected(new Fact(eventId, at, token), event.offerId(), event.responseId(), event.buyerId(),
                offerTitle(event.offerId()));
    }

    @EventHandler
    void on(B2BAuctionEndingSoonEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        notify(new Fact(eventId, at, token), NotificationType.AUCTION_ENDING_SOON, "L'enchère se termine bientôt",
                "L'enchère « %s » se termine dans quelques minutes.".formatted(offerTitle(event.offerId())),
                offerData(event.offerId(), null), listed(event.bidderIds()));
    }

    /** The winner, and once each bidder who lost (a bidder's own earlier bids are not a loss). */
    @EventHandler
    void on(B2BAuctionWonEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        Fact fact = new Fact(eventId, at, token);
        String title = offerTitle(event.offerId());
        notify(fact, NotificationType.AUCTION_WON, "Enchère remportée",
                "Vous avez remporté « %s » pour %s (%d unité(s)).".formatted(title, dzd(event.amount()),
                        event.quantity()),
                offerData(event.offerId(), event.winningResponseId()), List.of(event.winnerId()));
        Set<UserId> losers = listed(event.losers()).stream().map(SetAside::buyerId)
                .filter(buyer -> !buyer.equals(event.winnerId())).collect(Collectors.toCollection(LinkedHashSet::new));
        notify(fact, NotificationType.AUCTION_LOST, "Enchère perdue",
                "L'enchère « %s » a été remportée par un autre acheteur.".formatted(title),
                offerData(event.offerId(), null), losers);
    }

    @EventHandler
    void on(B2BOfferExpiredEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        notify(new Fact(eventId, at, token), NotificationType.OFFER_EXPIRED, "Offre expirée",
                "Votre offre « %s » a expiré sans être vendue.".formatted(offerTitle(event.offerId())),
                offerData(event.offerId(), null), List.of(event.sellerId()));
    }

    @EventHandler
    void on(FreelanceOrderPlacedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        OrderParties parties = event.parties();
        notify(new Fact(eventId, at, token), NotificationType.FREELANCE_ORDER_NEW, "Nouvelle commande freelance",
                "Nouvelle commande « %s » (%s), %s.".formatted(parties.serviceTitle(), event.tier().wire(),
                        dzd(event.amount())),
                freelanceData(event.orderId(), parties), List.of(parties.freelancerId()));
    }

    @EventHandler
    void on(FreelanceOrderAcceptedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        OrderParties parties = event.parties();
        notify(new Fact(eventId, at, token), NotificationType.FREELANCE_ORDER_ACCEPTED, "Commande acceptée",
                "Votre commande « %s » a été acceptée.".formatted(parties.serviceTitle()),
                freelanceData(event.orderId(), parties), List.of(parties.clientId()));
    }

    @EventHandler
    void on(FreelanceOrderDeliveredEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        OrderParties parties = event.parties();
        notify(new Fact(eventId, at, token), NotificationType.FREELANCE_ORDER_DELIVERED, "Commande livrée",
                "Votre commande « %s » a été livrée : vérifiez le travail.".formatted(parties.serviceTitle()),
                freelanceData(event.orderId(), parties), List.of(parties.clientId()));
    }

    @EventHandler
    void on(FreelanceOrderRevisionRequestedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        OrderParties parties = event.parties();
        notify(new Fact(eventId, at, token), NotificationType.FREELANCE_ORDER_REVISION_REQUESTED,
                "Révision demandée", "Le client demande une révision de « %s ».".formatted(parties.serviceTitle()),
                freelanceData(event.orderId(), parties), List.of(parties.freelancerId()));
    }

    @EventHandler
    void on(FreelanceOrderCompletedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        OrderParties parties = event.parties();
        notify(new Fact(eventId, at, token), NotificationType.FREELANCE_ORDER_COMPLETED, "Commande terminée",
                "Le client a validé la commande « %s ».".formatted(parties.serviceTitle()),
                freelanceData(event.orderId(), parties), List.of(parties.freelancerId()));
    }

    /** To the party that did not cancel. */
    @EventHandler
    void on(FreelanceOrderCancelledEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        OrderParties parties = event.parties();
        boolean byClient = event.by() == Party.CLIENT;
        notify(new Fact(eventId, at, token), NotificationType.FREELANCE_ORDER_CANCELLED, "Commande annulée",
                (byClient ? "Le client a annulé la commande « %s »." : "Le freelance a annulé votre commande « %s ».")
                        .formatted(parties.serviceTitle()),
                freelanceData(event.orderId(), parties),
                List.of(byClient ? parties.freelancerId() : parties.clientId()));
    }

    @EventHandler
    void on(FreelanceOrderReviewedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        OrderParties parties = event.parties();
        notify(new Fact(eventId, at, token), NotificationType.FREELANCE_REVIEW, "Nouvel avis",
                "Le client a noté « %s » %d/5.".formatted(parties.serviceTitle(), event.rating()),
                freelanceData(event.orderId(), parties), List.of(parties.freelancerId()));
    }

    @EventHandler
    void on(ConversationOpenedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken token) {
        jdbc.sql("""
                INSERT INTO notification_conversations (id, subject_type, subject_title, position)
                VALUES (:id, :type, :title, :position)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", event.conversationId().value())
                .param("type", event.subject().type().wire())
                .param("title", event.subjectTitle())
                .param("position", position(token))
                .update();
        messageNew(new Fact(eventId, at, token), event.conversationId(), event.messageId(), event.openedBy(),
                event.recipientId(), event.content(), event.messageId());
    }

    /**
     * One message_new notification per conversation and unread run of its recipient (API.md §13):
     * its id derives from the run's first message, so the run's first message creates it, with its
     * mobile push, and each later one updates it (count, last message, time) without a new push nor
     * a notification:new. A recipient who has the conversation open (read it within the reading
     * window, as the aggregate judged) is not notified; a later message of the same run that finds
     * it gone creates the run's notification then.
     */
    @EventHandler
    void on(MessagePostedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at, TrackingToken token) {
        if (event.recipientReading()) {
            return;
        }
        messageNew(new Fact(eventId, at, token), event.conversationId(), event.messageId(), event.senderId(),
                event.recipientId(), event.content(), event.unreadSince());
    }

    private void messageNew(Fact fact, ConversationId conversationId, MessageId messageId, UserId senderId,
                            UserId recipientId, String content, MessageId unreadSince) {
        Instant at = fact.at();
        String preview = preview(content);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversation_id", conversationId.toString());
        data.put("message_id", messageId.toString());
        data.put("sender_id", senderId.toString());
        data.put("count", 1);
        String title = "Nouveau message";
        boolean replaying = Replays.replaying();
        // One statement a message (the conversation's title looked up in it): the run's first message
        // inserts "« title » : preview", each later one makes it "N nouveaux messages, « title » : preview".
        List<Created> created = jdbc.sql("""
                        WITH conversation AS (
                            SELECT '« ' || COALESCE((SELECT subject_title FROM notification_conversations
                                                     WHERE id = :conversation), 'conversation')
                                   || ' » : ' || :preview AS message
                        ), upserted AS (
                            INSERT INTO notifications AS n (id, user_id, type, title, message, data, event_id,
                                                            created_at, position)
                            SELECT CAST(md5(:source) AS uuid), :user, :type, :title, conversation.message,
                                   CAST(:data AS jsonb), :event, :at, :position
                            FROM conversation
                            ON CONFLICT (id) DO UPDATE
                            SET title = 'Nouveaux messages',
                                message = ((n.data ->> 'count')::int + 1) || ' nouveaux messages, '
                                          || EXCLUDED.message,
                                data = EXCLUDED.data || jsonb_build_object('count', (n.data ->> 'count')::int + 1),
                                event_id = EXCLUDED.event_id, created_at = EXCLUDED.created_at,
                                position = EXCLUDED.position
                            WHERE n.position < EXCLUDED.position
                            RETURNING n.id, n.user_id, n.message, (xmax = 0) AS inserted
                        ), pushes AS (
                            INSERT INTO notification_pushes (notification_id, user_id, push_token, title, body, data)
                            SELECT c.id, c.user_id, u.push_token, :title, c.message,
                                   CAST(:data AS jsonb) || jsonb_build_object('notification_id', c.id, 'type', :type)
                            FROM upserted c JOIN users u ON u.id = c.user_id
                            WHERE c.inserted AND CAST(:push AS boolean) AND u.push_token IS NOT NULL AND u.is_active
                            ON CONFLICT (notification_id) DO NOTHING
                        )
                        SELECT id, user_id, message FROM upserted WHERE inserted
                        """)
                .param("conversation", conversationId.value())
                .param("source", NotificationType.MESSAGE_NEW.wire() + "/" + conversationId + "/"
                        + unreadSince + "/" + recipientId)
                .param("user", recipientId.value())
                .param("type", NotificationType.MESSAGE_NEW.wire())
                .param("title", title)
                .param("preview", preview)
                .param("data", JsonColumns.write(data))
                .param("event", fact.eventId())
                .param("at", utc(at))
                .param("position", position(fact.token()))
                .param("push", !replaying)
                .query((rs, row) -> new Created(new UserId(rs.getObject("user_id", UUID.class)),
                        new NotificationView(rs.getObject("id", UUID.class), NotificationType.MESSAGE_NEW.wire(),
                                title, rs.getString("message"), data, false, null, at)))
                .list();
        if (!created.isEmpty() && !replaying) {
            createdInBatch().addAll(created);
        }
    }

    /** A message as a notification shows it: its first 100 characters. */
    private static String preview(String content) {
        return content.codePointCount(0, content.length()) <= 100 ? content
                : content.substring(0, content.offsetByCodePoints(0, 100)) + "…";
    }

    /** The event a notification comes from: its identifier names the fact, its time and position the row. */
    private record Fact(String eventId, Instant at, TrackingToken token) {
    }

    private void rejected(Fact fact, B2BOfferId offerId, B2BResponseId responseId, UserId buyerId, String title) {
        notify(fact, NotificationType.NEGOTIATION_REJECTED, "Proposition refusée",
                "Votre proposition sur « %s » a été refusée.".formatted(title), offerData(offerId, responseId),
                List.of(buyerId));
    }

    /** To the order's buyer; a guest's order has none to tell. {@code message} takes the order's number. */
    private void toBuyer(OrderId orderId, Fact fact, NotificationType type, String title, String message) {
        List<Map<String, Object>> orders = jdbc.sql(
                        "SELECT order_number, buyer_id FROM notification_orders WHERE id = :id")
                .param("id", orderId.value())
                .query((rs, row) -> {
                    Map<String, Object> order = new LinkedHashMap<>();
                    order.put("number", rs.getString("order_number"));
                    order.put("buyer", rs.getObject("buyer_id", UUID.class));
                    return order;
                })
                .list();
        if (orders.isEmpty() || orders.get(0).get("buyer") == null) {
            return;
        }
        String number = (String) orders.get(0).get("number");
        notify(fact, type, title, message.formatted(number), orderData(orderId, number),
                List.of(new UserId((UUID) orders.get(0).get("buyer"))));
    }

    private void notify(Fact fact, NotificationType type, String title, String message, Map<String, Object> data,
                        Collection<UserId> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        String ids = recipients.stream().map(UserId::toString).distinct()
                .collect(Collectors.joining(",", "{", "}"));
        insert(fact, type, title, message, data, "SELECT unnest(CAST(:recipients AS uuid[]))",
                Map.of("recipients", ids));
    }

    /**
     * One statement for every recipient {@code recipientsSql} selects (one uuid column); the rows it
     * really inserted are told once the batch commits.
     */
    private void insert(Fact fact, NotificationType type, String title, String message, Map<String, Object> data,
                        String recipientsSql, Map<String, Object> recipientParams) {
        String source = fact.eventId() + "/" + type.wire() + "/";
        boolean replaying = Replays.replaying();
        List<Created> created = jdbc.sql("""
                        WITH created AS (
                            INSERT INTO notifications (id, user_id, type, title, message, data, event_id, created_at,
                                                       position)
                            SELECT CAST(md5(:source || r.user_id::text) AS uuid), r.user_id, :type, :title, :message,
                                   CAST(:data AS jsonb), :event, :at, :position
                            FROM (%s) AS r(user_id)
                            ON CONFLICT (id) DO NOTHING
                            RETURNING id, user_id
                        ), pushes AS (
                            INSERT INTO notification_pushes (notification_id, user_id, push_token, title, body, data)
                            SELECT c.id, c.user_id, u.push_token, :title, :message,
                                   CAST(:data AS jsonb) || jsonb_build_object('notification_id', c.id, 'type', :type)
                            FROM created c JOIN users u ON u.id = c.user_id
                            WHERE CAST(:push AS boolean) AND u.push_token IS NOT NULL AND u.is_active
                            ON CONFLICT (notification_id) DO NOTHING
                        )
                        SELECT id, user_id FROM created
                        """.formatted(recipientsSql))
                .params(recipientParams)
                .param("source", source)
                .param("type", type.wire())
                .param("title", title)
                .param("message", message)
                .param("data", JsonColumns.write(data))
                .param("event", fact.eventId())
                .param("at", utc(fact.at()))
                .param("position", position(fact.token()))
                .param("push", !replaying)
                .query((rs, row) -> new Created(new UserId(rs.getObject("user_id", UUID.class)),
                        new NotificationView(rs.getObject("id", UUID.class), type.wire(), title, message, data, false,
                                null, fact.at())))
                .list();
        if (!created.isEmpty() && !replaying) {
            createdInBatch().addAll(created);
        }
    }

    /**
     * The batch's created notifications, told after it commits. A handler adds its rows only once
     * its statements have all succeeded, so an event set aside as a dead letter (its savepoint
     * rolled back) tells nothing.
     */
    private List<Created> createdInBatch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(CREATED, key -> {
            List<Created> batch = new ArrayList<>();
            root.afterCommit(committed -> {
                List<Created> told = List.copyOf(batch);
                for (NotificationsCreated listener : listeners) {
                    try {
                        listener.created(told);
                    } catch (RuntimeException e) {
                        log.warn("{} notifications committed but not told to {}", told.size(), listener, e);
                    }
                }
            });
            return batch;
        });
    }

    private String offerTitle(B2BOfferId offerId) {
        return jdbc.sql("SELECT title FROM notification_offers WHERE id = :id")
                .param("id", offerId.value())
                .query(String.class)
                .optional()
                .orElse("offre B2B");
    }

    private static Map<String, Object> orderData(OrderId orderId, String orderNumber) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order_id", orderId.toString());
        data.put("order_number", orderNumber);
        return data;
    }

    private static Map<String, Object> freelanceData(FreelanceOrderId orderId, OrderParties parties) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("freelance_order_id", orderId.toString());
        data.put("service_id", parties.serviceId().toString());
        return data;
    }

    private static Map<String, Object> offerData(B2BOfferId offerId, B2BResponseId responseId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offer_id", offerId.toString());
        if (responseId != null) {
            data.put("response_id", responseId.toString());
        }
        return data;
    }

    private static <T> List<T> listed(List<T> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }

    private static String dzd(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString() + " DZD";
    }
}
