package dz.zst.command.freelance;

import dz.zst.domain.freelance.FreelanceCommands.AddPortfolioItemCommand;
import dz.zst.domain.freelance.FreelanceCommands.ChangePortfolioThumbnailCommand;
import dz.zst.domain.freelance.FreelanceCommands.RemovePortfolioItemCommand;
import dz.zst.domain.freelance.FreelanceEvents.PortfolioItemAddedEvent;
import dz.zst.domain.freelance.FreelanceEvents.PortfolioItemRemovedEvent;
import dz.zst.domain.freelance.FreelanceEvents.PortfolioThumbnailChangedEvent;
import dz.zst.domain.freelance.PortfolioItemId;
import dz.zst.domain.freelance.PortfolioMediaType;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortfolioItemTest {

    private static final PortfolioItemId ID = PortfolioItemId.random();
    private static final Actor FREELANCER = new Actor(new UserId(UUID.randomUUID()), Role.FREELANCER, null);
    private static final Actor OTHER = new Actor(new UserId(UUID.randomUUID()), Role.FREELANCER, null);
    private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);
    private static final Actor CUSTOMER = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);

    private AggregateTestFixture<PortfolioItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PortfolioItem.class);
    }

    private static AddPortfolioItemCommand add(Actor actor, String title, int order) {
        return new AddPortfolioItemCommand(ID, actor, PortfolioMediaType.IMAGE, "https://cdn/a.png",
                "https://cdn/a-thumb.jpg", title, null, null, order);
    }

    private static PortfolioItemAddedEvent added() {
        return new PortfolioItemAddedEvent(ID, FREELANCER.userId(), PortfolioMediaType.IMAGE, "https://cdn/a.png",
                "https://cdn/a-thumb.jpg", "Affiche", null, null, 1);
    }

    @Test
    void freelancerAddsAnItem() {
        fixture.givenNoPriorActivity().when(add(FREELANCER, "Affiche", 1)).expectEvents(added());
    }

    @Test
    void rejectsItemsOfNonFreelancersAndOutOfBounds() {
        fixture.givenNoPriorActivity().when(add(CUSTOMER, "Affiche", 1)).expectException(ForbiddenException.class);
        fixture.givenNoPriorActivity().when(add(FREELANCER, "x".repeat(201), 1))
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity().when(add(FREELANCER, "Affiche", -1))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void onlyItsFreelancerChangesTheThumbnailAndItOrAnAdminRemovesIt() {
        fixture.given(added()).when(new ChangePortfolioThumbnailCommand(ID, FREELANCER, "https://cdn/p.jpg"))
                .expectEvents(new PortfolioThumbnailChangedEvent(ID, "https://cdn/p.jpg"));
        fixture.given(added()).when(new ChangePortfolioThumbnailCommand(ID, OTHER, "https://cdn/p.jpg"))
                .expectException(ForbiddenException.class);
        fixture.given(added()).when(new RemovePortfolioItemCommand(ID, OTHER))
                .expectException(ForbiddenException.class);
        fixture.given(added()).when(new RemovePortfolioItemCommand(ID, ADMIN))
                .expectEvents(new PortfolioItemRemovedEvent(ID));
    }
}
