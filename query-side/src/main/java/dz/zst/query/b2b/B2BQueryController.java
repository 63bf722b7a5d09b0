package dz.zst.query.b2b;

import dz.zst.domain.b2b.B2BOfferHistory;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.b2b.B2BOfferView;
import dz.zst.domain.b2b.B2BQueries.FindB2BOfferHistoryQuery;
import dz.zst.domain.b2b.B2BQueries.FindB2BOfferQuery;
import dz.zst.domain.b2b.B2BQueries.ListB2BOfferResponsesQuery;
import dz.zst.domain.b2b.B2BQueries.ListB2BOffersQuery;
import dz.zst.domain.b2b.B2BQueries.ListMyB2BOffersQuery;
import dz.zst.domain.b2b.B2BQueries.ListMyB2BResponsesQuery;
import dz.zst.domain.b2b.B2BQueries.OfferPage;
import dz.zst.domain.b2b.B2BQueries.ResponsePage;
import dz.zst.domain.b2b.B2BResponseView;
import dz.zst.domain.b2b.OfferStatus;
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.PageRequest;
import dz.zst.domain.shared.PagedResult;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.query.shared.Reads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * B2B offer reads (API.md §8), straight from the read model: an auction's current bid moves every
 * second while it is hot, so nothing here is cached, and a bidder always reads its own bid.
 */
@RestController
@RequestMapping("/api/v1/b2b")
@Tag(name = "B2B offers")
public class B2BQueryController {

    private final Reads reads;

    public B2BQueryController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping("/offers")
    @Operation(summary = "Offers the caller may see, newest first: sellers and admins only (403 otherwise)",
            description = "A seller sees the active offers targeted at its own tier and its own offers, an admin "
                    + "every offer (API.md §3). status defaults to active.")
    public PagedResult<B2BOfferView> list(@AuthenticationPrincipal Actor viewer,
                                          @RequestParam(name = "page", defaultValue = "1") int page,
                                          @RequestParam(name = "limit", defaultValue = "20") int limit,
                                          @Parameter(description = "negotiable or auction")
                                          @RequestParam(name = "offer_type", required = false) String offerType,
                                          @Parameter(description = "active (default), expired, closed or sold")
                                          @RequestParam(name = "status", required = false) String status,
                                          @Parameter(description = "importateur, grossiste or fournisseur")
                                          @RequestParam(name = "target_category", required = false)
                                          String targetCategory) {
        return reads.ask(new ListB2BOffersQuery(viewer, blank(offerType) ? null : OfferType.fromWire(offerType),
                status(status), blank(targetCategory) ? null : SellerCategory.fromWire(targetCategory),
                PageRequest.of(page, limit)), OfferPage.class).page();
    }

    @GetMapping("/offers/{id}")
    @Operation(summary = "One offer with its responses count and its seller's public view",
            description = "Guests allowed, so that an offer the caller may not see is 404 for everyone alike.")
    public B2BOfferView one(@AuthenticationPrincipal Actor viewer, @PathVariable("id") String id) {
        return reads.ask(new FindB2BOfferQuery(B2BOfferId.of(id), viewer), B2BOfferView.class);
    }

    @GetMapping("/offers/{id}/responses")
    @Operation(summary = "An offer's responses, newest first: all for its owner and admins, a bidder's own for a bidder")
    public PagedResult<B2BResponseView> responses(@AuthenticationPrincipal Actor viewer, @PathVariable("id") String id,
                                                  @RequestParam(name = "page", defaultValue = "1") int page,
                                                  @RequestParam(name = "limit", defaultValue = "20") int limit) {
        return reads.ask(new ListB2BOfferResponsesQuery(B2BOfferId.of(id), viewer, PageRequest.of(page, limit)),
                ResponsePage.class).page();
    }

    @GetMapping("/offers/{id}/history")
    @Operation(summary = "The offer's full, immutable event history with the actor of each event (owner and admins)")
    public B2BOfferHistory history(@AuthenticationPrincipal Actor viewer, @PathVariable("id") String id) {
        return reads.ask(new FindB2BOfferHistoryQuery(B2BOfferId.of(id), viewer), B2BOfferHistory.class);
    }

    @GetMapping("/my-offers")
    @Operation(summary = "The caller's own offers, every status unless status is given, newest first (sellers)")
    public PagedResult<B2BOfferView> myOffers(@AuthenticationPrincipal Actor seller,
                                              @RequestParam(name = "page", defaultValue = "1") int page,
                                              @RequestParam(name = "limit", defaultValue = "20") int limit,
                                              @RequestParam(name = "status", required = false) String status) {
        return reads.ask(new ListMyB2BOffersQuery(seller, status(status), PageRequest.of(page, limit)),
                OfferPage.class).page();
    }

    @GetMapping("/my-responses")
    @Operation(summary = "The caller's own bids and negotiations, newest first (sellers)")
    public PagedResult<B2BResponseView> myResponses(@AuthenticationPrincipal Actor buyer,
                                                    @RequestParam(name = "page", defaultValue = "1") int page,
                                                    @RequestParam(name = "limit", defaultValue = "20") int limit) {
        return reads.ask(new ListMyB2BResponsesQuery(buyer, PageRequest.of(page, limit)), ResponsePage.class).page();
    }

    private static OfferStatus status(String status) {
        return blank(status) ? null : OfferStatus.fromWire(status);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
