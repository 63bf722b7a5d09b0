package dz.zst.command.freelance;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.command.storage.IncomingFile;
import dz.zst.command.storage.MediaUploads;
import dz.zst.domain.freelance.DeliveryFile;
import dz.zst.domain.freelance.FreelanceCommands.DeliverFreelanceOrderCommand;
import dz.zst.domain.freelance.FreelanceCommands.MoveFreelanceOrderCommand;
import dz.zst.domain.freelance.FreelanceCommands.PlaceFreelanceOrderCommand;
import dz.zst.domain.freelance.FreelanceCommands.ReviewFreelanceOrderCommand;
import dz.zst.domain.freelance.FreelanceOrderId;
import dz.zst.domain.freelance.FreelanceOrderStatus;
import dz.zst.domain.freelance.FreelanceOrderStatus.Party;
import dz.zst.domain.freelance.FreelanceQueries.FindFreelanceOrderQuery;
import dz.zst.domain.freelance.FreelanceViews.FreelanceOrderView;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Freelance order writes (API.md §10): the client's under /freelance/orders, the freelancer's under
 * /freelancer/orders. Each answers once the freelance read model reflects it; a review's service
 * rating is folded in the same batch as the order, so it is readable at once too.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Freelance")
public class FreelanceOrderCommandController {

    private final ConsistentWrites writes;
    private final MediaUploads uploads;
    private final Clock clock;

    public FreelanceOrderCommandController(ConsistentWrites writes, MediaUploads uploads,
                                           ObjectProvider<Clock> clock) {
        this.writes = writes;
        this.uploads = uploads;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping("/freelance/orders")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Order a service in one of its tiers",
            description = "amount and due_date are the tier's price and delivery days as they are now; a tier the "
                    + "service does not sell, or your own service, is 400; a deleted service 404.")
    public FreelanceOrderView place(@AuthenticationPrincipal Actor actor,
                                    @Validated @RequestBody FreelanceRequests.PlaceOrder body) {
        FreelanceOrderId orderId = FreelanceOrderId.random();
        writes.send(new PlaceFreelanceOrderCommand(orderId, ServiceId.of(body.serviceId()), actor, body.pricingTier(),
                body.requirements(), clock.instant()), orderId.toString(), ReadModel.FREELANCE_ORDERS);
        return order(orderId, actor);
    }

    @PatchMapping("/freelance/orders/{id}/status")
    @Operation(summary = "Move your order as its client: pending→cancelled, delivered→completed|revision_requested",
            description = "reason (≤1000) is kept with a revision request or a cancel. A move of the freelancer's is "
                    + "403, a move the status machine has not 400 `Cannot transition from X to Y`.")
    public FreelanceOrderView clientMove(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                         @Validated @RequestBody FreelanceRequests.ClientStatus body) {
        return move(actor, FreelanceOrderId.of(id), Party.CLIENT, body.status(), body.reason());
    }

    @PatchMapping("/freelancer/orders/{id}/status")
    @Operation(summary = "Move an order of your service as its freelancer: pending→accepted|cancelled, "
            + "accepted→in_progress",
            description = "delivered is reached through …/deliver. A move of the client's is 403, a move the status "
                    + "machine has not 400 `Cannot transition from X to Y`.")
    public FreelanceOrderView freelancerMove(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                             @Validated @RequestBody FreelanceRequests.FreelancerStatus body) {
        return move(actor, FreelanceOrderId.of(id), Party.FREELANCER, body.status(), body.freelancerNotes());
    }

    @PostMapping(path = "/freelancer/orders/{id}/deliver", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Deliver an order in progress or in revision: multipart `files` (up to 10, each ≤100 MB) "
            + "and `message`")
    public FreelanceOrderView deliver(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                      @RequestPart(name = "files", required = false) List<MultipartFile> files,
                                      @RequestParam(name = "message", required = false) String message) {
        FreelanceOrderId orderId = FreelanceOrderId.of(id);
        List<MultipartFile> parts = files == null ? List.of() : files;
        if (parts.size() > FreelanceOrder.MAX_DELIVERY_FILES) {
            throw new IllegalArgumentException("files must contain at most " + FreelanceOrder.MAX_DELIVERY_FILES
                    + " files");
        }
        if (message != null && message.length() > 2000) {
            throw new IllegalArgumentException("message must be at most 2000 characters");
        }
        // Refused before any file is stored: the aggregate decides again when the delivery is sent.
        FreelanceOrderView order = order(orderId, actor);
        if (!actor.is(UserId.of(order.freelancerId()))) {
            throw new ForbiddenException("Only the order's freelancer can do this");
        }
        if (order.status() != FreelanceOrderStatus.IN_PROGRESS
                && order.status() != FreelanceOrderStatus.REVISION_REQUESTED) {
            throw new BusinessRuleViolationException("Cannot transition from " + order.status().wire()
                    + " to delivered");
        }
        List<DeliveryFile> stored = new ArrayList<>();
        for (MultipartFile file : parts) {
            stored.add(uploads.uploadDeliveryFile(actor, orderId, IncomingFile.of(file), file.getOriginalFilename()));
        }
        writes.send(new DeliverFreelanceOrderCommand(orderId, actor, stored, message, clock.instant()),
                orderId.toString(), ReadModel.FREELANCE_ORDERS);
        return order(orderId, actor);
    }

    @PostMapping("/freelance/orders/{id}/review")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Review your completed order as its client, once: rating 1–5, review? ≤1000",
            description = "Before completed 400, a second review 409. The service's rating (the mean) and "
                    + "reviews_count are updated by the time this answers.")
    public FreelanceOrderView review(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                     @Validated @RequestBody FreelanceRequests.Review body) {
        FreelanceOrderId orderId = FreelanceOrderId.of(id);
        writes.send(new ReviewFreelanceOrderCommand(orderId, actor, body.rating(), body.review()), orderId.toString(),
                ReadModel.FREELANCE_ORDERS);
        return order(orderId, actor);
    }

    private FreelanceOrderView move(Actor actor, FreelanceOrderId orderId, Party party, FreelanceOrderStatus status,
                                    String note) {
        writes.send(new MoveFreelanceOrderCommand(orderId, actor, party, status, note, clock.instant()),
                orderId.toString(), ReadModel.FREELANCE_ORDERS);
        return order(orderId, actor);
    }

    private FreelanceOrderView order(FreelanceOrderId orderId, Actor actor) {
        return writes.ask(new FindFreelanceOrderQuery(orderId, actor), FreelanceOrderView.class);
    }
}
