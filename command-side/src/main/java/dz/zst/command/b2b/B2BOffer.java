package dz.zst.command.b2b;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dz.zst.domain.b2b.AuctionRules;
import dz.zst.domain.b2b.B2BCommands.AcceptB2BResponseCommand;
import dz.zst.domain.b2b.B2BCommands.CloseB2BOfferCommand;
import dz.zst.domain.b2b.B2BCommands.CreateB2BOfferCommand;
import dz.zst.domain.b2b.B2BCommands.OfferTerms;
import dz.zst.domain.b2b.B2BCommands.RejectB2BResponseCommand;
import dz.zst.domain.b2b.B2BCommands.RespondToB2BOfferCommand;
import dz.zst.domain.b2b.B2BCommands.WithdrawB2BResponseCommand;
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
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.b2b.ResponseStatus;
import dz.zst.domain.b2b.ResponseType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.Money;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Scope;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A B2B offer from one tier to the next (API.md §3, §8) with its responses: the bids of an auction
 * or the negotiations of a negotiable offer. The offer owns them so that what spans them (the
 * quantity left, the leading bid, the one it outbid) is decided in one place, one append at a time.
 *
 * <p>Time: a command is judged at its {@code at}; the automatic end and the ending-soon fact are
 * Axon deadlines, judged at the injected {@link Clock}. Each is one deadline per offer: when it
 * fires before its time (a bid moved the end), it schedules itself for the new time, so moving the
 * end never has to find and cancel a stored deadline. A deadline that finds the offer no longer
 * active does nothing, so a repeated or late firing is harmless.
 *
 * <p>Each node keeps offers in memory ({@code aggregateCache}): a hot auction's every bid would
 * otherwise replay its whole stream. {@link OfferLocks} checks the copy against the store before a
 * command decides on it; a deadline that fires on a stale copy appends at a taken sequence, rolls
 * back (which evicts it) and is retried by the scheduler on the stored offer.
 */
@Aggregate(cache = "aggregateCache")
public class B2BOffer {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_MESSAGE = 500;
    static final int MAX_QUANTITY = 10_000_000;
    static final String END_DEADLINE = "b2b-offer-end";
    static final String ENDING_SOON_DEADLINE = "b2b-auction-ending-soon";

    @AggregateIdentifier
    private B2BOfferId id;
    private UserId sellerId;
    private OfferType offerType;
    private OfferStatus status;
    private BigDecimal basePrice;
    private int minQuantity;
    private int availableQuantity;
    private SellerCategory targetCategory;
    private Instant startsAt;
    private Instant endsAt;
    private Instant originalEnd;
    private BigDecimal currentBid;
    private B2BResponseId leadingBid;
    private boolean endingSoonRecorded;
    private final Map<B2BResponseId, Response> responses = new LinkedHashMap<>();

    /** What the offer keeps of each response: enough to decide on it and to say whose it is. */
    record Response(UserId buyerId, ResponseType type, ResponseStatus status, BigDecimal amount, int quantity) {
        Response as(ResponseStatus newStatus) {
            return new Response(buyerId, type, newStatus, amount, quantity);
        }

        boolean pending() {
            return status == ResponseStatus.PENDING;
        }
    }

    protected B2BOffer() {
    }

    @CommandHandler
    public B2BOffer(CreateB2BOfferCommand command, DeadlineManager deadlines, AuctionRules rules) {
        Actor seller = command.seller();
        if (seller == null || !seller.isSeller()) {
            throw new ForbiddenException("Only importateurs and grossistes can create B2B offers");
        }
        SellerCategory target = targetOf(seller.sellerCategory());
        if (target == null) {
            throw new ForbiddenException("Fournisseurs sell to customers and cannot create B2B offers");
        }
        OfferTerms terms = Objects.requireNonNull(command.terms(), "terms");
        Instant at = Objects.requireNonNull(command.at(), "at");
        if (terms.targetCategory() != target) {
            throw new InvalidFieldException("target_category", "target_category must be " + target.wire()
                    + ", the tier below " + seller.sellerCategory().wire());
        }
        String title = text(terms.title(), "title", MAX_TITLE);
        if (title == null) {
            throw new InvalidFieldException("title", "title must not be blank");
        }
        String description = text(terms.description(), "description", MAX_DESCRIPTION);
        BigDecimal basePrice = price(terms.basePrice(), "base_price");
        if (terms.minQuantity() < 1) {
            throw new InvalidFieldException("min_quantity", "min_quantity must be at least 1");
        }
        if (terms.availableQuantity() < terms.minQuantity() || terms.availableQuantity() > MAX_QUANTITY) {
            throw new InvalidFieldException("available_quantity", "available_quantity must be between min_quantity ("
                    + terms.minQuantity() + ") and " + MAX_QUANTITY);
        }
        if (terms.offerType() == null) {
            throw new InvalidFieldException("offer_type", "offer_type must be one of negotiable, auction");
        }
        if (terms.offerType() == OfferType.AUCTION && (terms.startsAt() == null || terms.endsAt() == null)) {
            throw new InvalidFieldException(terms.startsAt() == null ? "starts_at" : "ends_at",
                    "An auction needs both starts_at and ends_at");
        }
        if (terms.endsAt() != null) {
            if (terms.startsAt() != null && !terms.startsAt().isBefore(terms.endsAt())) {
                throw new InvalidFieldException("ends_at", "ends_at must be after starts_at");
            }
            if (!terms.endsAt().isAfter(at)) {
                throw new InvalidFieldException("ends_at", "ends_at must be in the future");
            }
        }
        // No start given: the offer takes responses from now on, and says so.
        Instant startsAt = terms.startsAt() != null ? terms.startsAt() : at;
        apply(new B2BOfferCreatedEvent(command.offerId(), seller.userId(), seller.sellerCategory(), title, description,
                terms.images(), terms.tags(), basePrice, terms.minQuantity(), terms.availableQuantity(),
                terms.offerType(), target, startsAt, terms.endsAt()));
        if (terms.endsAt() != null) {
            // The created event is applied once the constructor returns: the state is not set yet.
            schedule(deadlines, command.offerId(), END_DEADLINE, terms.endsAt());
            if (terms.offerType() == OfferType.AUCTION) {
                schedule(deadlines, command.offerId(), ENDING_SOON_DEADLINE,
                        endingSoonAt(rules, startsAt, terms.endsAt()));
            }
        }
    }

    /** A bid or a negotiation, by a seller of the target tier other than the owner. */
    @CommandHandler
    public void handle(RespondToB2BOfferCommand command, AuctionRules rules) {
        Actor buyer = command.buyer();
        Instant at = Objects.requireNonNull(command.at(), "at");
        if (buyer == null || !buyer.isSeller() || buyer.sellerCategory() != targetCategory) {
            throw new ForbiddenException("Only " + targetCategory.wire() + "s can respond to this offer");
        }
        if (buyer.is(sellerId)) {
            throw new ForbiddenException("You cannot respond to your own offer");
        }
        if (responses.containsKey(command.responseId())) {
            throw new ConflictException("Response " + command.responseId() + " already exists");
        }
        requireOpen(at);
        if (at.isBefore(startsAt)) {
            throw new BusinessRuleViolationException("The offer takes responses from its starts_at, " + startsAt);
        }
        if (command.responseType() == null) {
            throw new InvalidFieldException("response_type", "response_type must be one of bid, negotiation");
        }
        if (command.responseType() == ResponseType.BID && offerType != OfferType.AUCTION) {
            throw new BusinessRuleViolationException("Bids are only for auctions: this offer is negotiable");
        }
        if (command.responseType() == ResponseType.NEGOTIATION && offerType != OfferType.NEGOTIABLE) {
            throw new BusinessRuleViolationException("Negotiations are only for negotiable offers: this offer is an "
                    + "auction");
        }
        if (command.quantity() < minQuantity || command.quantity() > availableQuantity) {
            throw new InvalidFieldException("quantity", "quantity must be between the offer's min_quantity ("
                    + minQuantity + ") and available_quantity (" + availableQuantity + ")");
        }
        BigDecimal amount = price(command.amount(), "amount");
        String message = text(command.message(), "message", MAX_MESSAGE);
        if (command.responseType() == ResponseType.NEGOTIATION) {
            apply(new B2BNegotiationSubmittedEvent(id, command.responseId(), buyer.userId(), sellerId, amount,
                    command.quantity(), message));
            return;
        }
        rules.requireReaches(basePrice, currentBid, amount);
        Instant end = rules.endAfterBid(at, endsAt, originalEnd);
        SetAside outbid = leadingBid == null ? null : new SetAside(leadingBid, responses.get(leadingBid).buyerId());
        apply(new B2BBidPlacedEvent(id, command.responseId(), buyer.userId(), sellerId, amount, command.quantity(),
                message, outbid, end, end.isAfter(endsAt)));
    }

    /** The owner (or an admin) accepts a pending negotiation; what no longer fits is rejected. */
    @CommandHandler
    public void handle(AcceptB2BResponseCommand command) {
        Response response = negotiationToDecide(command.responseId(), command.actor(), "accept");
        requireOpen(command.at());
        if (response.quantity() > availableQuantity) {
            throw new BusinessRuleViolationException("The negotiation asks for " + response.quantity()
                    + " units and only " + availableQuantity + " are left");
        }
        int left = availableQuantity - response.quantity();
        List<SetAside> noLongerFitting = setAside(entry -> !entry.getKey().equals(command.responseId())
                && entry.getValue().pending() && entry.getValue().quantity() > left);
        apply(new B2BNegotiationAcceptedEvent(id, command.responseId(), response.buyerId(), response.amount(),
                response.quantity(), left, noLongerFitting, left == 0));
    }

    /** The owner (or an admin) rejects a pending negotiation. */
    @CommandHandler
    public void handle(RejectB2BResponseCommand command) {
        Response response = negotiationToDecide(command.responseId(), command.actor(), "reject");
        apply(new B2BNegotiationRejectedEvent(id, command.responseId(), response.buyerId()));
    }

    /** The buyer takes back its pending negotiation; a bid stays until the auction ends. */
    @CommandHandler
    public void handle(WithdrawB2BResponseCommand command) {
        Response response = response(command.responseId());
        if (command.actor() == null || !command.actor().is(response.buyerId())) {
            throw new ForbiddenException("Only the response's buyer can withdraw it");
        }
        if (response.type() == ResponseType.BID) {
            throw new BusinessRuleViolationException("A bid cannot be withdrawn: it stands until the auction ends");
        }
        if (!response.pending()) {
            throw new BusinessRuleViolationException("The negotiation is " + response.status().wire()
                    + ": only a pending one can be withdrawn");
        }
        apply(new B2BResponseWithdrawnEvent(id, command.responseId(), response.buyerId()));
    }

    /** The owner (or an admin) closes an active offer; its pending responses are rejected. */
    @CommandHandler
    public void handle(CloseB2BOfferCommand command) {
        Actor actor = command.actor();
        if (actor == null || !(actor.isAdmin() || actor.is(sellerId))) {
            throw new ForbiddenException("Only the offer's seller or an admin can close it");
        }
        if (status != OfferStatus.ACTIVE) {
            throw new BusinessRuleViolationException("The offer is already " + status.wire());
        }
        apply(new B2BOfferClosedEvent(id, sellerId, setAside(entry -> entry.getValue().pending())));
    }

    /**
     * The automatic end. An auction with a leading bid is won by it (every other bid rejected, the
     * offer sold); any other offer expires (pending responses rejected). Fired before the end (a
     * bid moved it), it waits for the new end instead. Its payload, the offer's id, is there for
     * whoever reads the scheduled task's row; a handler's first parameter is its payload.
     */
    @DeadlineHandler(deadlineName = END_DEADLINE)
    void onEnd(String offerId, DeadlineManager deadlines, Clock clock) {
        if (status != OfferStatus.ACTIVE || endsAt == null) {
            return;
        }
        if (clock.instant().isBefore(endsAt)) {
            schedule(deadlines, id, END_DEADLINE, endsAt);
            return;
        }
        if (offerType == OfferType.AUCTION && leadingBid != null) {
            Response winner = responses.get(leadingBid);
            B2BResponseId winning = leadingBid;
            apply(new B2BAuctionWonEvent(id, sellerId, winning, winner.buyerId(), winner.amount(), winner.quantity(),
                    setAside(entry -> !entry.getKey().equals(winning) && (entry.getValue().pending()
                            || entry.getValue().status() == ResponseStatus.OUTBID))));
        } else {
            apply(new B2BOfferExpiredEvent(id, sellerId, setAside(entry -> entry.getValue().pending())));
        }
    }

    /** The ending-soon fact, once per auction, for its bidders at that moment. */
    @DeadlineHandler(deadlineName = ENDING_SOON_DEADLINE)
    void onEndingSoon(String offerId, DeadlineManager deadlines, Clock clock, AuctionRules rules) {
        if (status != OfferStatus.ACTIVE || endingSoonRecorded || endsAt == null) {
            return;
        }
        Instant due = endingSoonAt(rules, startsAt, endsAt);
        if (clock.instant().isBefore(due)) {
            schedule(deadlines, id, ENDING_SOON_DEADLINE, due);
            return;
        }
        LinkedHashSet<UserId> bidders = new LinkedHashSet<>();
        responses.values().stream().filter(r -> r.type() == ResponseType.BID).forEach(r -> bidders.add(r.buyerId()));
        apply(new B2BAuctionEndingSoonEvent(id, endsAt, List.copyOf(bidders)));
    }

    /** When the ending-soon fact is due: its notice before the end, but not before the auction starts. */
    private static Instant endingSoonAt(AuctionRules rules, Instant startsAt, Instant endsAt) {
        Instant due = rules.endingSoonAt(endsAt);
        return due.isBefore(startsAt) ? startsAt : due;
    }

    /**
     * Scheduled in this aggregate's scope, named by its id as a string: Axon's own description of
     * the scope holds the typed id, which the event serializer stores as an object and reads back as
     * a map, whose text is no aggregate id, so the deadline would find no offer and do nothing.
     */
    private static void schedule(DeadlineManager deadlines, B2BOfferId offerId, String name, Instant when) {
        AggregateScopeDescriptor current = (AggregateScopeDescriptor) Scope.describeCurrentScope();
        deadlines.schedule(when, name, offerId.toString(),
                new AggregateScopeDescriptor(current.getType(), offerId.toString()));
    }

    /** Active and not past its end (the deadline that ends it may not have fired yet). */
    private void requireOpen(Instant at) {
        if (status != OfferStatus.ACTIVE) {
            throw new BusinessRuleViolationException("The offer is " + status.wire() + ": it takes no more responses");
        }
        if (endsAt != null && !at.isBefore(endsAt)) {
            throw new BusinessRuleViolationException("The offer ended at its ends_at, " + endsAt);
        }
    }

    private Response negotiationToDecide(B2BResponseId responseId, Actor actor, String decision) {
        Response response = response(responseId);
        if (actor == null || !(actor.isAdmin() || actor.is(sellerId))) {
            throw new ForbiddenException("Only the offer's seller or an admin can " + decision + " a response");
        }
        if (response.type() != ResponseType.NEGOTIATION) {
            throw new BusinessRuleViolationException("Only negotiations are decided by the seller: bids are decided "
                    + "when the auction ends");
        }
        if (!response.pending()) {
            throw new BusinessRuleViolationException("The negotiation is " + response.status().wire()
                    + ": only a pending one can be decided");
        }
        return response;
    }

    private Response response(B2BResponseId responseId) {
        Response response = responseId == null ? null : responses.get(responseId);
        if (response == null) {
            throw new NotFoundException("Response " + responseId + " not found");
        }
        return response;
    }

    private List<SetAside> setAside(Predicate<Map.Entry<B2BResponseId, Response>> which) {
        List<SetAside> result = new ArrayList<>();
        responses.entrySet().stream().filter(which)
                .forEach(entry -> result.add(new SetAside(entry.getKey(), entry.getValue().buyerId())));
        return result;
    }

    /** The tier an offer of this tier goes to; fournisseurs sell to customers only. */
    static SellerCategory targetOf(SellerCategory category) {
        return switch (category) {
            case IMPORTATEUR -> SellerCategory.GROSSISTE;
            case GROSSISTE -> SellerCategory.FOURNISSEUR;
            case FOURNISSEUR -> null;
        };
    }

    private static String text(String text, String field, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() > max) {
            throw new InvalidFieldException(field, field + " must be shorter than or equal to " + max + " characters");
        }
        return trimmed;
    }

    private static BigDecimal price(BigDecimal amount, String field) {
        if (amount == null || amount.signum() < 0) {
            throw new InvalidFieldException(field, field + " must be 0 or more");
        }
        Money.requireAtMost(amount, Money.MAX_PRICE, field, "the largest unit price");
        return money(amount);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    @EventSourcingHandler
    void on(B2BOfferCreatedEvent event) {
        id = event.offerId();
        sellerId = event.sellerId();
        offerType = event.offerType();
        status = OfferStatus.ACTIVE;
        basePrice = event.basePrice();
        minQuantity = event.minQuantity();
        availableQuantity = event.availableQuantity();
        targetCategory = event.targetCategory();
        startsAt = event.startsAt();
        endsAt = event.endsAt();
        originalEnd = event.endsAt();
    }

    @EventSourcingHandler
    void on(B2BBidPlacedEvent event) {
        if (event.outbid() != null) {
            mark(event.outbid().responseId(), ResponseStatus.OUTBID);
        }
        responses.put(event.responseId(), new Response(event.bidderId(), ResponseType.BID, ResponseStatus.PENDING,
                event.amount(), event.quantity()));
        leadingBid = event.responseId();
        currentBid = event.amount();
        endsAt = event.endsAt();
    }

    @EventSourcingHandler
    void on(B2BNegotiationSubmittedEvent event) {
        responses.put(event.responseId(), new Response(event.buyerId(), ResponseType.NEGOTIATION,
                ResponseStatus.PENDING, event.amount(), event.quantity()));
    }

    @EventSourcingHandler
    void on(B2BNegotiationAcceptedEvent event) {
        mark(event.responseId(), ResponseStatus.ACCEPTED);
        event.noLongerFitting().forEach(aside -> mark(aside.responseId(), ResponseStatus.REJECTED));
        availableQuantity = event.availableQuantity();
        if (event.soldOut()) {
            status = OfferStatus.SOLD;
        }
    }

    @EventSourcingHandler
    void on(B2BNegotiationRejectedEvent event) {
        mark(event.responseId(), ResponseStatus.REJECTED);
    }

    @EventSourcingHandler
    void on(B2BResponseWithdrawnEvent event) {
        mark(event.responseId(), ResponseStatus.WITHDRAWN);
    }

    @EventSourcingHandler
    void on(B2BOfferClosedEvent event) {
        event.rejected().forEach(aside -> mark(aside.responseId(), ResponseStatus.REJECTED));
        status = OfferStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(B2BAuctionEndingSoonEvent event) {
        endingSoonRecorded = true;
    }

    @EventSourcingHandler
    void on(B2BAuctionWonEvent event) {
        mark(event.winningResponseId(), ResponseStatus.ACCEPTED);
        event.losers().forEach(aside -> mark(aside.responseId(), ResponseStatus.REJECTED));
        status = OfferStatus.SOLD;
    }

    @EventSourcingHandler
    void on(B2BOfferExpiredEvent event) {
        event.rejected().forEach(aside -> mark(aside.responseId(), ResponseStatus.REJECTED));
        status = OfferStatus.EXPIRED;
    }

    private void mark(B2BResponseId responseId, ResponseStatus newStatus) {
        responses.computeIfPresent(responseId, (key, response) -> response.as(newStatus));
    }

    @Override
    public String toString() {
        return "B2BOffer[" + Objects.toString(id) + "]";
    }
}
