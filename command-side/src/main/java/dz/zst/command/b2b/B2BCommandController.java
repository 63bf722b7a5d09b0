package dz.zst.command.b2b;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.b2b.B2BCommands.AcceptB2BResponseCommand;
import dz.zst.domain.b2b.B2BCommands.CloseB2BOfferCommand;
import dz.zst.domain.b2b.B2BCommands.CreateB2BOfferCommand;
import dz.zst.domain.b2b.B2BCommands.RejectB2BResponseCommand;
import dz.zst.domain.b2b.B2BCommands.RespondToB2BOfferCommand;
import dz.zst.domain.b2b.B2BCommands.WithdrawB2BResponseCommand;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BOfferView;
import dz.zst.domain.b2b.B2BQueries.FindB2BOfferQuery;
import dz.zst.domain.b2b.B2BQueries.FindB2BResponseQuery;
import dz.zst.domain.b2b.B2BResponseId;
import dz.zst.domain.b2b.B2BResponseView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * B2B offer writes (API.md §3, §8). Each answers once the offers read model reflects it. An offer
 * or response the caller may not see is 404 before anything is sent (the read side's visibility
 * rule), so a seller of another tier learns nothing of it; the aggregate decides the rest. Writes
 * on one offer (bids on a hot auction, from one node or several) are taken one at a time
 * ({@link OfferLocks}), so a bid that no longer beats the current one gets the 400 that names the
 * amount to beat, never a 500 nor a 409; a bid that cannot beat the offer's current bid as the read
 * model shows it gets that 400 at once ({@link BidFloors}).
 */
@RestController
@RequestMapping("/api/v1/b2b")
@Tag(name = "B2B offers")
public class B2BCommandController {

    private final ConsistentWrites writes;
    private final Clock clock;
    private final BidFloors floors;

    public B2BCommandController(ConsistentWrites writes, ObjectProvider<Clock> clock, BidFloors floors) {
        this.writes = writes;
        this.floors = floors;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping("/offers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a B2B offer for the next tier down (importateurs for grossistes, grossistes for "
            + "fournisseurs)",
            description = "Fournisseurs and non-sellers are 403; a target_category other than the next tier down is "
                    + "400. An auction needs starts_at and ends_at (start before end, end in the future) and closes "
                    + "by itself at ends_at; a negotiable offer with an ends_at expires then. Before starts_at the "
                    + "offer is listed but takes no response.")
    public B2BOfferView create(@AuthenticationPrincipal Actor actor,
                               @Validated @RequestBody B2BRequests.CreateOffer body) {
        B2BOfferId offerId = B2BOfferId.random();
        writes.send(new CreateB2BOfferCommand(offerId, actor, body.terms(), clock.instant()), offerId.toString(),
                ReadModel.B2B_OFFERS);
        return writes.ask(new FindB2BOfferQuery(offerId, actor), B2BOfferView.class);
    }

    @PostMapping("/offers/{id}/respond")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Bid on an auction or negotiate a negotiable offer (sellers of its target tier)",
            description = "The offer must be active and started; min_quantity ≤ quantity ≤ available_quantity. A "
                    + "first bid reaches base_price, a later one beats current_bid by the minimum increment (the "
                    + "400 says the amount to beat); a bid in the last minutes moves ends_at (soft close).")
    public B2BResponseView respond(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                   @Validated @RequestBody B2BRequests.Respond body) {
        B2BOfferId offerId = B2BOfferId.of(id);
        B2BResponseId responseId = B2BResponseId.random();
        RespondToB2BOfferCommand command = body.command(offerId, responseId, actor, clock.instant());
        floors.refuseHopelessUnread(command);
        floors.observe(writes.ask(new FindB2BOfferQuery(offerId, actor), B2BOfferView.class));
        floors.refuseHopeless(command);
        writes.send(command, offerId.toString(), ReadModel.B2B_OFFERS);
        return writes.ask(new FindB2BResponseQuery(responseId, actor), B2BResponseView.class);
    }

    @PostMapping("/responses/{id}/accept")
    @Operation(summary = "Accept a pending negotiation on your offer (its seller or an admin)",
            description = "Lowers available_quantity; at zero the offer is sold. Pending negotiations that no longer "
                    + "fit are rejected. Bids are not accepted by hand: the auction's end decides them.")
    public B2BResponseView accept(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        return decide(actor, id, AcceptB2BResponseCommand::new);
    }

    @PostMapping("/responses/{id}/reject")
    @Operation(summary = "Reject a pending negotiation on your offer (its seller or an admin)")
    public B2BResponseView reject(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        return decide(actor, id, RejectB2BResponseCommand::new);
    }

    @PostMapping("/responses/{id}/withdraw")
    @Operation(summary = "Withdraw your pending negotiation (a bid cannot be withdrawn: 400)")
    public B2BResponseView withdraw(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        return decide(actor, id, WithdrawB2BResponseCommand::new);
    }

    /** A seller's or buyer's decision on a response: the command names the response's offer. */
    @FunctionalInterface
    private interface Decision {
        Object command(B2BOfferId offerId, B2BResponseId responseId, Actor actor, Instant at);
    }

    private B2BResponseView decide(Actor actor, String id, Decision decision) {
        B2BResponseView response = visibleResponse(actor, id);
        B2BResponseId responseId = new B2BResponseId(response.id());
        B2BOfferId offerId = new B2BOfferId(response.offerId());
        writes.send(decision.command(offerId, responseId, actor, clock.instant()), offerId.toString(),
                ReadModel.B2B_OFFERS);
        return writes.ask(new FindB2BResponseQuery(responseId, actor), B2BResponseView.class);
    }

    @PostMapping("/offers/{id}/close")
    @Operation(summary = "Close your active offer (its seller or an admin); its pending responses are rejected")
    public B2BOfferView close(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        B2BOfferId offerId = visibleOffer(actor, id);
        writes.send(new CloseB2BOfferCommand(offerId, actor, clock.instant()), offerId.toString(),
                ReadModel.B2B_OFFERS);
        return writes.ask(new FindB2BOfferQuery(offerId, actor), B2BOfferView.class);
    }

    /** The offer, if the caller may see it (API.md §3: 404 otherwise). */
    private B2BOfferId visibleOffer(Actor actor, String id) {
        B2BOfferId offerId = B2BOfferId.of(id);
        writes.ask(new FindB2BOfferQuery(offerId, actor), B2BOfferView.class);
        return offerId;
    }

    /** The response, if the caller may see it (its offer's owner, its buyer, an admin; 404 otherwise). */
    private B2BResponseView visibleResponse(Actor actor, String id) {
        return writes.ask(new FindB2BResponseQuery(B2BResponseId.of(id), actor), B2BResponseView.class);
    }
}
