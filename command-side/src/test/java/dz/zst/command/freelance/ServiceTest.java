package dz.zst.command.freelance;

import dz.zst.domain.freelance.FreelanceCommands.ChangeServiceCoverCommand;
import dz.zst.domain.freelance.FreelanceCommands.ChangeServiceVideoCommand;
import dz.zst.domain.freelance.FreelanceCommands.CreateServiceCommand;
import dz.zst.domain.freelance.FreelanceCommands.DeleteServiceCommand;
import dz.zst.domain.freelance.FreelanceCommands.UpdateServiceCommand;
import dz.zst.domain.freelance.FreelanceEvents.ServiceCoverChangedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceCreatedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceDeletedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceDetailsChangedEvent;
import dz.zst.domain.freelance.FreelanceEvents.ServiceVideoChangedEvent;
import dz.zst.domain.freelance.ServiceCategory;
import dz.zst.domain.freelance.ServiceDetails;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.freelance.ServicePackage;
import dz.zst.domain.freelance.ServicePatch;
import dz.zst.domain.freelance.ServicePatch.PackagePatch;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceTest {

    private static final ServiceId ID = new ServiceId(UUID.fromString("7a1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"));
    private static final Actor FREELANCER = new Actor(new UserId(UUID.randomUUID()), Role.FREELANCER, null);
    private static final Actor OTHER_FREELANCER = new Actor(new UserId(UUID.randomUUID()), Role.FREELANCER, null);
    private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);
    private static final Actor CUSTOMER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
    private static final Actor SELLER = new Actor(new UserId(UUID.randomUUID()), Role.SELLER, SellerCategory.FOURNISSEUR);
    private static final ServicePackage BASIC = new ServicePackage(new BigDecimal("5000"), "Un logo", 3);
    private static final ServiceDetails DETAILS = new ServiceDetails("Logo Élégant", null, ServiceCategory.DESIGN,
            List.of("logo"), BASIC, null, null);

    private AggregateTestFixture<Service> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Service.class);
    }

    private static ServiceCreatedEvent created() {
        return new ServiceCreatedEvent(ID, FREELANCER.userId(), "logo-elegant-7a1c2d4e", DETAILS);
    }

    private static ServicePatch patch(String title, PackagePatch premium) {
        return new ServicePatch(title, null, null, null, null, null, premium);
    }

    @Test
    void freelancerCreatesServiceWithKebabSlug() {
        fixture.givenNoPriorActivity()
                .when(new CreateServiceCommand(ID, FREELANCER, DETAILS))
                .expectEvents(created());
    }

    @Test
    void rejectsServicesOfNonFreelancers() {
        for (Actor actor : new Actor[]{CUSTOMER, SELLER, ADMIN, null}) {
            fixture.givenNoPriorActivity()
                    .when(new CreateServiceCommand(ID, actor, DETAILS))
                    .expectException(ForbiddenException.class);
        }
    }

    @Test
    void rejectsServiceWithoutBasicTier() {
        fixture.givenNoPriorActivity()
                .when(new CreateServiceCommand(ID, FREELANCER, new ServiceDetails("Logo", null, ServiceCategory.DESIGN,
                        List.of(), null, null, null)))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void rejectsTierWithoutDeliveryDays() {
        fixture.givenNoPriorActivity()
                .when(new CreateServiceCommand(ID, FREELANCER, new ServiceDetails("Logo", null, ServiceCategory.DESIGN,
                        List.of(), BASIC, new ServicePackage(BigDecimal.TEN, null, 0), null)))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("standard_delivery_days must be between 1 and 365");
    }

    @Test
    void ownerAddsPremiumTierThroughAPatch() {
        ServiceDetails withPremium = new ServiceDetails("Logo Élégant", null, ServiceCategory.DESIGN, List.of("logo"),
                BASIC, null, new ServicePackage(new BigDecimal("900"), null, 7));
        fixture.given(created())
                .when(new UpdateServiceCommand(ID, FREELANCER, patch(null, new PackagePatch(new BigDecimal("900"),
                        null, 7))))
                .expectEvents(new ServiceDetailsChangedEvent(ID, withPremium));
    }

    @Test
    void rejectsAPatchGivingAPremiumPriceWithoutDays() {
        fixture.given(created())
                .when(new UpdateServiceCommand(ID, FREELANCER, patch(null, new PackagePatch(BigDecimal.TEN, null,
                        null))))
                .expectException(InvalidFieldException.class);
    }

    @Test
    void aPatchChangingNothingRecordsNothing() {
        fixture.given(created())
                .when(new UpdateServiceCommand(ID, FREELANCER, patch("Logo Élégant", null)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void onlyTheOwnerOrAnAdminChangesOrDeletes() {
        fixture.given(created())
                .when(new UpdateServiceCommand(ID, OTHER_FREELANCER, patch("Volé", null)))
                .expectException(ForbiddenException.class);
        fixture.given(created())
                .when(new DeleteServiceCommand(ID, OTHER_FREELANCER))
                .expectException(ForbiddenException.class);
        fixture.given(created())
                .when(new DeleteServiceCommand(ID, ADMIN))
                .expectEvents(new ServiceDeletedEvent(ID));
    }

    @Test
    void ownerChangesCoverAndVideo() {
        fixture.given(created())
                .when(new ChangeServiceCoverCommand(ID, FREELANCER, "https://cdn/c.jpg", "https://cdn/c-thumb.jpg"))
                .expectEvents(new ServiceCoverChangedEvent(ID, "https://cdn/c.jpg", "https://cdn/c-thumb.jpg"));
        fixture.given(created())
                .when(new ChangeServiceVideoCommand(ID, FREELANCER, "https://cdn/v.mp4"))
                .expectEvents(new ServiceVideoChangedEvent(ID, "https://cdn/v.mp4"));
        fixture.given(created())
                .when(new ChangeServiceVideoCommand(ID, CUSTOMER, "https://cdn/v.mp4"))
                .expectException(ForbiddenException.class);
    }
}
