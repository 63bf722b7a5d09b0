package dz.zst.command.b2b;

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
import dz.zst.domain.b2b.OfferType;
import dz.zst.domain.b2b.ResponseType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class B2BOfferTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant END = T0.plus(Duration.ofHours(1));
    private static final B2BOfferId OFFER = B2BOfferId.random();
    private static final Actor IMPORTER = seller(SellerCategory.IMPORTATEUR);
    private static final Actor WHOLESALER = seller(SellerCategory.GROSSISTE);
    private static final Actor WHOLESALER_2 = seller(SellerCategory.GROSSISTE);
    private static final Actor RETAILER = seller(SellerCategory.FOURNISSEUR);
    private static final Actor CUSTOMER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);
    private static final B2BResponseId R1 = B2BResponseId.random();
    private static final B2BResponseId R2 = B2BResponseId.random();
    private static final B2BResponseId R3 = B2BResponseId.random();

    private AggregateTestFixture<B2BOffer> fixture;

    private static Actor seller(SellerCategory category) {
        return new Actor(new UserId(UUID.randomUUID()), Role.SELLER, category);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(B2BOffer.class);
        fixture.registerInjectableResource(AuctionRules.DEFAULTS);
        // The deadlines' time is the fixture's: a deadline fires with the clock at its scheduled time.
        fixture.registerInjectableResource(new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return fixture.currentTime();
            }
        });
    }

    private static OfferTerms auctionTerms() {
        return new OfferTerms("Lot de 500 téléphones", "Neufs, sous blister", List.of(), List.of("phones"),
                new BigDecimal("10000"), 10, 500, OfferType.AUCTION, SellerCategory.GROSSISTE, T0, END);
    }

    private static OfferTerms negotiableTerms(Instant endsAt) {
        return new OfferTerms("Huile d'olive", null, List.of(), List.of(), new BigDecimal("800.5"), 10, 100,
                OfferType.NEGOTIABLE, SellerCategory.GROSSISTE, null, endsAt);
    }

    private static B2BOfferCreatedEvent auctionCreated() {
        return new B2BOfferCreatedEvent(OFFER, IMPORTER.userId(), SellerCategory.IMPORTATEUR, "Lot de 500 téléphones",
                "Neufs, sous blister", List.of(), List.of("phones"), new BigDecimal("10000.00"), 10, 500,
                OfferType.AUCTION, SellerCategory.GROSSISTE, T0, END);
    }

    private static B2BOfferCreatedEvent negotiableCreated() {
        return new B2BOfferCreatedEvent(OFFER, IMPORTER.userId(), SellerCategory.IMPORTATEUR, "Huile d'olive", null,
                List.of(), List.of(), new BigDecimal("800.50"), 10, 100, OfferType.NEGOTIABLE,
                SellerCategory.GROSSISTE, T0, null);
    }

    private static CreateB2BOfferCommand create(Actor seller, OfferTerms terms) {
        return new CreateB2BOfferCommand(OFFER, seller, terms, T0);
    }

    private static RespondToB2BOfferCommand bid(B2BResponseId id, Actor bidder, String amount, Instant at) {
        return new RespondToB2BOfferCommand(OFFER, id, bidder, ResponseType.BID, new BigDecimal(amount), 20, null, at);
    }

    private static RespondToB2BOfferCommand negotiate(B2BResponseId id, Actor buyer, int quantity) {
        return new RespondToB2BOfferCommand(OFFER, id, buyer, ResponseType.NEGOTIATION, new BigDecimal("750"),
                quantity, "  livraison à Oran  ", T0.plusSeconds(60));
    }

    private static B2BBidPlacedEvent bidPlaced(B2BResponseId id, Actor bidder, String amount, SetAside outbid) {
        return new B2BBidPlacedEvent(OFFER, id, bidder.userId(), IMPORTER.userId(), new BigDecimal(amount), 20, null,
                outbid, END, false);
    }

    private static B2BNegotiationSubmittedEvent submitted(B2BResponseId id, Actor buyer, int quantity) {
        return new B2BNegotiationSubmittedEvent(OFFER, id, buyer.userId(), IMPORTER.userId(), new BigDecimal("750.00"),
                quantity, "livraison à Oran");
    }

    // Creation

    @Test
    void anImporterCreatesAnAuctionForWholesalersAndItsEndAndEndingSoonAreScheduled() {
        fixture.givenCurrentTime(T0)
                .when(create(IMPORTER, auctionTerms()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(auctionCreated())
                .expectScheduledDeadlineWithName(END, B2BOffer.END_DEADLINE)
                .expectScheduledDeadlineWithName(END.minus(Duration.ofMinutes(10)), B2BOffer.ENDING_SOON_DEADLINE);
    }

    @Test
    void aNegotiableOfferWithoutAnEndStartsNowAndHasNoDeadline() {
        fixture.givenCurrentTime(T0)
                .when(create(IMPORTER, negotiableTerms(null)))
                .expectEvents(negotiableCreated())
                .expectNoScheduledDeadlines();
    }

    @Test
    void aNegotiableOfferWithAnEndIsScheduledToExpireThenButHasNoEndingSoon() {
        fixture.givenCurrentTime(T0)
                .when(create(IMPORTER, negotiableTerms(END)))
                .expectScheduledDeadlineWithName(END, B2BOffer.END_DEADLINE)
                .expectNoScheduledDeadlineWithName(END.minus(Duration.ofMinutes(10)), B2BOffer.ENDING_SOON_DEADLINE);
    }

    @Test
    void aWholesalersOffersGoToRetailers() {
        OfferTerms terms = new OfferTerms("Savon", null, null, null, BigDecimal.ZERO, 1, 1, OfferType.NEGOTIABLE,
                SellerCategory.FOURNISSEUR, null, null);
        fixture.givenCurrentTime(T0)
                .when(create(WHOLESALER, terms))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void retailersCustomersAndAdminsCannotCreateOffers() {
        for (Actor actor : new Actor[] {RETAILER, CUSTOMER, ADMIN, null}) {
            fixture.givenCurrentTime(T0)
                    .when(create(actor, auctionTerms()))
                    .expectException(ForbiddenException.class).expectNoEvents();
        }
    }

    @Test
    void anOfferMustTargetTheNextTierDown() {
        OfferTerms toRetailers = new OfferTerms("x", null, null, null, BigDecimal.ONE, 1, 1, OfferType.NEGOTIABLE,
                SellerCategory.FOURNISSEUR, null, null);
        fixture.givenCurrentTime(T0)
                .when(create(IMPORTER, toRetailers))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("target_category must be grossiste, the tier below importateur");
    }

    @Test
    void refusesFieldsOutOfBounds() {
        List<OfferTerms> bad = List.of(
                terms("x".repeat(201), "d", "1", 1, 1),
                terms("  ", "d", "1", 1, 1),
                terms("t", "x".repeat(2001), "1", 1, 1),
                terms("t", "d", "-0.01", 1, 1),
                terms("t", "d", "50000000.01", 1, 1),
                terms("t", "d", "1", 0, 1),
                terms("t", "d", "1", 5, 4),
                terms("t", "d", "1", 1, 10_000_001));
        for (OfferTerms terms : bad) {
            fixture.givenCurrentTime(T0)
                    .when(create(IMPORTER, terms))
                    .expectException(InvalidFieldException.class).expectNoEvents();
        }
    }

    private static OfferTerms terms(String title, String description, String basePrice, int min, int available) {
        return new OfferTerms(title, description, null, null, new BigDecimal(basePrice), min, available,
                OfferType.NEGOTIABLE, SellerCategory.GROSSISTE, null, null);
    }

    @Test
    void anAuctionNeedsBothDatesTheStartBeforeTheEndAndTheEndInTheFuture() {
        List<OfferTerms> bad = List.of(
                auction(null, END), auction(T0, null), auction(END, END), auction(END.plusSeconds(1), END),
                auction(T0.minusSeconds(120), T0.minusSeconds(60)), auction(T0.minusSeconds(60), T0));
        for (OfferTerms terms : bad) {
            fixture.givenCurrentTime(T0)
                    .when(create(IMPORTER, terms))
                    .expectException(InvalidFieldException.class).expectNoEvents();
        }
    }

    private static OfferTerms auction(Instant startsAt, Instant endsAt) {
        return new OfferTerms("t", null, null, null, BigDecimal.TEN, 1, 10, OfferType.AUCTION,
                SellerCategory.GROSSISTE, startsAt, endsAt);
    }

    @Test
    void aNegotiableOffersEndMustBeInTheFuture() {
        fixture.givenCurrentTime(T0)
                .when(create(IMPORTER, negotiableTerms(T0)))
                .expectException(InvalidFieldException.class).expectExceptionMessage("ends_at must be in the future");
    }

    // Responses

    @Test
    void theFirstBidMustReachTheBasePriceAndThenLeads() {
        fixture.givenCurrentTime(T0).andGiven(auctionCreated())
                .when(bid(R1, WHOLESALER, "10000", T0.plusSeconds(60)))
                .expectEvents(bidPlaced(R1, WHOLESALER, "10000.00", null));
        fixture.givenCurrentTime(T0).andGiven(auctionCreated())
                .when(bid(R1, WHOLESALER, "9999.99", T0.plusSeconds(60)))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("A first bid must reach the base price of 10000.00 DZD");
    }

    @Test
    void aLaterBidMustBeatTheCurrentBidByTheIncrementAndSaysTheAmountToBeat() {
        fixture.givenCurrentTime(T0).andGiven(auctionCreated(), bidPlaced(R1, WHOLESALER, "10000.00", null))
                .when(bid(R2, WHOLESALER_2, "10099.99", T0.plusSeconds(60)))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("A bid must be at least 10100.00 DZD: the current bid of 10000.00 DZD plus "
                        + "the minimum increment of 100 DZD");
    }

    @Test
    void aNewBidLeadsAndThePreviousLeaderIsOutbid() {
        fixture.givenCurrentTime(T0).andGiven(auctionCreated(), bidPlaced(R1, WHOLESALER, "10000.00", null))
                .when(bid(R2, WHOLESALER_2, "10100", T0.plusSeconds(60)))
                .expectEvents(bidPlaced(R2, WHOLESALER_2, "10100.00", new SetAside(R1, WHOLESALER.userId())));
    }

    @Test
    void aBidderMayRaiseItsOwnBid() {
        fixture.givenCurrentTime(T0).andGiven(auctionCreated(), bidPlaced(R1, WHOLESALER, "10000.00", null))
                .when(bid(R2, WHOLESALER, "12000", T0.plusSeconds(60)))
                .expectEvents(bidPlaced(R2, WHOLESALER, "12000.00", new SetAside(R1, WHOLESALER.userId())));
    }

    @Test
    void aBidInTheLastStretchMovesTheEndToTheExtensionAfterIt() {
        Instant late = END.minusSeconds(30);
        fixture.givenCurrentTime(T0).andGiven(auctionCreated())
                .when(bid(R1, WHOLESALER, "10000", late))
                .expectEvents(new B2BBidPlacedEvent(OFFER, R1, WHOLESALER.userId(), IMPORTER.userId(),
                        new BigDecimal("10000.00"), 20, null, null, late.plus(Duration.ofMinutes(2)), true));
    }

    @Test
    void theEndNeverMovesMoreThanTheMaximumExtensionPastTheOriginalEnd() {
        Instant movedEnd = END.plus(Duration.ofMinutes(29));
        Instant late = movedEnd.minusSeconds(10);
        fixture.givenCurrentTime(T0).andGiven(auctionCreated(), new B2BBidPlacedEvent(OFFER, R1, WHOLESALER.userId(),
                        IMPORTER.userId(), new BigDecimal("10000.00"), 20, null, null, movedEnd, true))
                .when(bid(R2, WHOLESALER_2, "10100", late))
                .expectEvents(new B2BBidPlacedEvent(OFFER, R2, WHOLESALER_2.userId(), IMPORTER.userId(),
                        new BigDecimal("10100.00"), 20, null, new SetAside(R1, WHOLESALER.userId()),
                        END.plus(Duration.ofMinutes(30)), true));
    }

    @Test
    void onlySellersOfTheTargetTierOtherThanTheOwnerMayRespond() {
        for (Actor actor : new Actor[] {IMPORTER, RETAILER, seller(SellerCategory.IMPORTATEUR), CUSTOMER, ADMIN}) {
            fixture.givenCurrentTime(T0).andGiven(auctionCreated())
                    .when(bid(R1, actor, "10000", T0.plusSeconds(60)))
                    .expectException(ForbiddenException.class).expectNoEvents();
        }
    }

    @Test
    void anOfferTakesNoResponseBeforeItsStartAndSaysWhen() {
        Instant start = T0.plus(Duration.ofMinutes(5));
        B2BOfferCreatedEvent future = new B2BOfferCreatedEvent(OFFER, IMPORTER.userId(), SellerCategory.IMPORTATEUR,
                "t", null, List.of(), List.of(), new BigDecimal("10.00"), 1, 10, OfferType.AUCTION,
                SellerCategory.GROSSISTE, start, END);
        fixture.givenCurrentTime(T0).andGiven(future)
                .when(bid(R1, WHOLESALER, "10", T0.plusSeconds(60)))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("The offer takes responses from its starts_at, " + start);
    }

    @Test
    void anOfferTakesNoResponseOnceItsEndHasPassedEvenBeforeItsDeadlineFired() {
        fixture.givenCurrentTime(T0).andGiven(auctionCreated())
                .when(bid(R1, WHOLESALER, "10000", END))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("The offer ended at its ends_at, " + END);
    }

    @Test
    void aClosedOfferTakesNoResponse() {
        fixture.givenCurrentTime(T0).andGiven(auctionCreated(), new B2BOfferClosedEvent(OFFER, IMPORTER.userId(),
                        List.of()))
                .when(bid(R1, WHOLESALER, "10000", T0.plusSeconds(60)))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("The offer is closed: it takes no more responses");
    }

    @Test
    void bidsAreOnlyForAuctionsAndNegotiationsOnlyForNegotiableOffers() {
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated())
                .when(bid(R1, WHOLESALER, "1000", T0.plusSeconds(60)))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("Bids are only for auctions: this offer is negotiable");
        fixture.givenCurrentTime(T0).andGiven(auctionCreated())
                .when(negotiate(R1, WHOLESALER, 20))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("Negotiations are only for negotiable offers: this offer is an auction");
    }

    @Test
    void theQuantityMustBeBetweenTheMinimumAndWhatIsAvailable() {
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated())
                .when(negotiate(R1, WHOLESALER, 9))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("quantity must be between the offer's min_quantity (10) and "
                        + "available_quantity (100)");
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated())
                .when(negotiate(R1, WHOLESALER, 101))
                .expectException(InvalidFieldException.class);
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated())
                .when(negotiate(R1, WHOLESALER, 100))
                .expectEvents(submitted(R1, WHOLESALER, 100));
    }

    // Negotiations

    @Test
    void acceptingANegotiationLowersTheQuantityAndRejectsThePendingOnesThatNoLongerFit() {
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated(), submitted(R1, WHOLESALER, 60),
                        submitted(R2, WHOLESALER_2, 50), submitted(R3, WHOLESALER_2, 40))
                .when(new AcceptB2BResponseCommand(OFFER, R1, IMPORTER, T0.plusSeconds(120)))
                .expectEvents(new B2BNegotiationAcceptedEvent(OFFER, R1, WHOLESALER.userId(), new BigDecimal("750.00"),
                        60, 40, List.of(new SetAside(R2, WHOLESALER_2.userId())), false));
    }

    @Test
    void acceptingTheLastUnitsSellsTheOfferAndItsEndThenDoesNothing() {
        fixture.givenCurrentTime(T0).andGivenCommands(create(IMPORTER, negotiableTerms(END)),
                        negotiate(R1, WHOLESALER, 100), negotiate(R2, WHOLESALER_2, 10))
                .andGivenCommands(new AcceptB2BResponseCommand(OFFER, R1, ADMIN, T0.plusSeconds(120)))
                .whenTimeAdvancesTo(END.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(B2BOffer.END_DEADLINE)
                .expectNoEvents();
    }

    @Test
    void onlyTheOwnerOrAnAdminDecidesAndOnlyPendingNegotiations() {
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated(), submitted(R1, WHOLESALER, 20))
                .when(new RejectB2BResponseCommand(OFFER, R1, WHOLESALER_2, T0.plusSeconds(120)))
                .expectException(ForbiddenException.class);
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated(), submitted(R1, WHOLESALER, 20))
                .when(new RejectB2BResponseCommand(OFFER, R1, ADMIN, T0.plusSeconds(120)))
                .expectEvents(new B2BNegotiationRejectedEvent(OFFER, R1, WHOLESALER.userId()));
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated(), submitted(R1, WHOLESALER, 20),
                        new B2BNegotiationRejectedEvent(OFFER, R1, WHOLESALER.userId()))
                .when(new AcceptB2BResponseCommand(OFFER, R1, IMPORTER, T0.plusSeconds(120)))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("The negotiation is rejected: only a pending one can be decided");
    }

    @Test
    void bidsAreNotDecidedByTheSeller() {
        fixture.givenCurrentTime(T0).andGiven(auctionCreated(), bidPlaced(R1, WHOLESALER, "10000.00", null))
                .when(new AcceptB2BResponseCommand(OFFER, R1, IMPORTER, T0.plusSeconds(120)))
                .expectException(BusinessRuleViolationException.class);
    }

    @Test
    void anUnknownResponseIsNotFound() {
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated())
                .when(new AcceptB2BResponseCommand(OFFER, R1, IMPORTER, T0.plusSeconds(120)))
                .expectException(NotFoundException.class);
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated())
                .when(new WithdrawB2BResponseCommand(OFFER, R1, WHOLESALER, T0.plusSeconds(120)))
                .expectException(NotFoundException.class);
    }

    @Test
    void theBuyerWithdrawsAPendingNegotiation() {
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated(), submitted(R1, WHOLESALER, 20))
                .when(new WithdrawB2BResponseCommand(OFFER, R1, WHOLESALER, T0.plusSeconds(120)))
                .expectEvents(new B2BResponseWithdrawnEvent(OFFER, R1, WHOLESALER.userId()));
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated(), submitted(R1, WHOLESALER, 20))
                .when(new WithdrawB2BResponseCommand(OFFER, R1, IMPORTER, T0.plusSeconds(120)))
                .expectException(ForbiddenException.class);
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated(), submitted(R1, WHOLESALER, 20),
                        new B2BResponseWithdrawnEvent(OFFER, R1, WHOLESALER.userId()))
                .when(new WithdrawB2BResponseCommand(OFFER, R1, WHOLESALER, T0.plusSeconds(120)))
                .expectException(BusinessRuleViolationException.class);
    }

    @Test
    void aBidCannotBeWithdrawn() {
        fixture.givenCurrentTime(T0).andGiven(auctionCreated(), bidPlaced(R1, WHOLESALER, "10000.00", null))
                .when(new WithdrawB2BResponseCommand(OFFER, R1, WHOLESALER, T0.plusSeconds(120)))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("A bid cannot be withdrawn: it stands until the auction ends");
    }

    // Close

    @Test
    void theOwnerClosesAnActiveOfferAndItsPendingResponsesAreRejected() {
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated(), submitted(R1, WHOLESALER, 20),
                        submitted(R2, WHOLESALER_2, 20), new B2BNegotiationRejectedEvent(OFFER, R2,
                                WHOLESALER_2.userId()))
                .when(new CloseB2BOfferCommand(OFFER, IMPORTER, T0.plusSeconds(120)))
                .expectEvents(new B2BOfferClosedEvent(OFFER, IMPORTER.userId(),
                        List.of(new SetAside(R1, WHOLESALER.userId()))));
    }

    @Test
    void onlyTheOwnerOrAnAdminClosesAndOnlyAnActiveOffer() {
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated())
                .when(new CloseB2BOfferCommand(OFFER, WHOLESALER, T0))
                .expectException(ForbiddenException.class);
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated())
                .when(new CloseB2BOfferCommand(OFFER, ADMIN, T0))
                .expectSuccessfulHandlerExecution();
        fixture.givenCurrentTime(T0).andGiven(negotiableCreated(), new B2BOfferClosedEvent(OFFER, IMPORTER.userId(),
                        List.of()))
                .when(new CloseB2BOfferCommand(OFFER, IMPORTER, T0))
                .expectException(BusinessRuleViolationException.class)
                .expectExceptionMessage("The offer is already closed");
    }

    // The end

    @Test
    void anAuctionEndsWonByItsLeadingBidWithTheOtherBidsRejected() {
        fixture.givenCurrentTime(T0).andGivenCommands(create(IMPORTER, auctionTerms()),
                        bid(R1, WHOLESALER, "10000", T0.plusSeconds(60)),
                        bid(R2, WHOLESALER_2, "11000", T0.plusSeconds(120)))
                .whenTimeAdvancesTo(END)
                .expectEvents(new B2BAuctionEndingSoonEvent(OFFER, END,
                                List.of(WHOLESALER.userId(), WHOLESALER_2.userId())),
                        new B2BAuctionWonEvent(OFFER, IMPORTER.userId(), R2, WHOLESALER_2.userId(),
                                new BigDecimal("11000.00"), 20, List.of(new SetAside(R1, WHOLESALER.userId()))));
    }

    @Test
    void anAuctionWithoutBidsExpiresAtItsEnd() {
        fixture.givenCurrentTime(T0).andGivenCommands(create(IMPORTER, auctionTerms()))
                .whenTimeAdvancesTo(END)
                .expectEvents(new B2BAuctionEndingSoonEvent(OFFER, END, List.of()),
                        new B2BOfferExpiredEvent(OFFER, IMPORTER.userId(), List.of()));
    }

    @Test
    void aNegotiableOfferExpiresAtItsEndRejectingItsPendingNegotiations() {
        fixture.givenCurrentTime(T0).andGivenCommands(create(IMPORTER, negotiableTerms(END)),
                        negotiate(R1, WHOLESALER, 20))
                .whenTimeAdvancesTo(END)
                .expectEvents(new B2BOfferExpiredEvent(OFFER, IMPORTER.userId(),
                        List.of(new SetAside(R1, WHOLESALER.userId()))));
    }

    @Test
    void theEndFiringBeforeAnEndMovedBySnipingSchedulesItselfForTheNewEnd() {
        Instant late = END.minusSeconds(30);
        Instant movedEnd = late.plus(Duration.ofMinutes(2));
        fixture.givenCurrentTime(T0).andGivenCommands(create(IMPORTER, auctionTerms()),
                        bid(R1, WHOLESALER, "10000", late))
                .whenTimeAdvancesTo(END.plusSeconds(1))
                // The ending-soon deadline, due 10 minutes before the end, follows it too.
                .expectTriggeredDeadlinesWithName(B2BOffer.ENDING_SOON_DEADLINE, B2BOffer.ENDING_SOON_DEADLINE,
                        B2BOffer.END_DEADLINE)
                .expectEvents(new B2BAuctionEndingSoonEvent(OFFER, movedEnd, List.of(WHOLESALER.userId())))
                .expectScheduledDeadlineWithName(movedEnd, B2BOffer.END_DEADLINE);
    }

    @Test
    void anAuctionWhoseEndMovedClosesAtTheNewEnd() {
        Instant late = END.minusSeconds(30);
        Instant movedEnd = late.plus(Duration.ofMinutes(2));
        fixture.givenCurrentTime(T0).andGivenCommands(create(IMPORTER, auctionTerms()),
                        bid(R1, WHOLESALER, "10000", late))
                .whenTimeAdvancesTo(movedEnd)
                .expectEvents(new B2BAuctionEndingSoonEvent(OFFER, movedEnd, List.of(WHOLESALER.userId())),
                        new B2BAuctionWonEvent(OFFER, IMPORTER.userId(), R1, WHOLESALER.userId(),
                        new BigDecimal("10000.00"), 20, List.of()));
    }

    @Test
    void theEndingSoonFactIsRecordedOnceEvenIfItsDeadlineFiresAgain() {
        fixture.givenCurrentTime(T0).andGivenCommands(create(IMPORTER, auctionTerms()))
                .andGiven(new B2BAuctionEndingSoonEvent(OFFER, END, List.of()))
                .whenTimeAdvancesTo(END.minusSeconds(1))
                .expectTriggeredDeadlinesWithName(B2BOffer.ENDING_SOON_DEADLINE)
                .expectNoEvents();
    }

    @Test
    void aClosedOfferIgnoresItsDeadlines() {
        fixture.givenCurrentTime(T0).andGivenCommands(create(IMPORTER, auctionTerms()),
                        bid(R1, WHOLESALER, "10000", T0.plusSeconds(60)),
                        new CloseB2BOfferCommand(OFFER, IMPORTER, T0.plusSeconds(120)))
                .whenTimeAdvancesTo(END.plusSeconds(60))
                .expectTriggeredDeadlinesWithName(B2BOffer.ENDING_SOON_DEADLINE, B2BOffer.END_DEADLINE)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }
}
