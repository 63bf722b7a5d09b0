package dz.zst.command.users;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.ConflictException;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.ProfileChanges;
import dz.zst.domain.users.UserCommands.ChangeUserRoleCommand;
import dz.zst.domain.users.UserCommands.DeactivateUserCommand;
import dz.zst.domain.users.UserCommands.GrantAdminRoleCommand;
import dz.zst.domain.users.UserCommands.RegisterUserCommand;
import dz.zst.domain.users.UserCommands.RevokePushTokenCommand;
import dz.zst.domain.users.UserCommands.SyncUserFromIdentityProviderCommand;
import dz.zst.domain.users.UserCommands.UpdateUserProfileCommand;
import dz.zst.domain.users.UserEvents.UserDeactivatedEvent;
import dz.zst.domain.users.UserEvents.UserIdentityUpdatedEvent;
import dz.zst.domain.users.UserEvents.UserProfileUpdatedEvent;
import dz.zst.domain.users.UserEvents.UserPushTokenRevokedEvent;
import dz.zst.domain.users.UserEvents.UserRegisteredEvent;
import dz.zst.domain.users.UserEvents.UserRoleChangedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String SUB = "user_2abc";
    private static final UserId ID = UserId.forExternalSubject(SUB);
    private static final Actor SELF = new Actor(ID, Role.CUSTOMER, null);
    private static final Actor ADMIN = new Actor(UserId.forExternalSubject("admin"), Role.ADMIN, null);
    private static final Actor STRANGER = new Actor(UserId.forExternalSubject("other"), Role.SELLER,
            SellerCategory.FOURNISSEUR);
    private static final UserRegisteredEvent REGISTERED = new UserRegisteredEvent(ID, SUB, "amina@zst.test",
            "Amina", null, null, Role.CUSTOMER, null);

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void registersANewIdentityAsCustomer() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, SUB, "Amina@ZST.test", " Amina ", null))
                .expectEvents(REGISTERED);
    }

    @Test
    void registeringAnExistingUserChangesNothing() {
        fixture.given(REGISTERED)
                .when(new RegisterUserCommand(ID, SUB, "other@zst.test", "Other", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsRegistrationWithoutSubject() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, " ", null, null, null))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void rejectsSubjectWithSpaces() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, " user_2abc", null, null, null))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void rejectsMalformedEmail() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, SUB, "not-an-email", null, null))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void customerBecomesSellerWithCategory() {
        fixture.given(REGISTERED)
                .when(new ChangeUserRoleCommand(ID, Role.SELLER, SellerCategory.GROSSISTE, SELF))
                .expectEvents(new UserRoleChangedEvent(ID, Role.SELLER, SellerCategory.GROSSISTE));
    }

    @Test
    void rejectsSellerWithoutCategory() {
        fixture.given(REGISTERED)
                .when(new ChangeUserRoleCommand(ID, Role.SELLER, null, SELF))
                .expectException(BusinessRuleViolationException.class);
    }

    @Test
    void rejectsCategoryForNonSeller() {
        fixture.given(REGISTERED)
                .when(new ChangeUserRoleCommand(ID, Role.FREELANCER, SellerCategory.FOURNISSEUR, SELF))
                .expectException(BusinessRuleViolationException.class);
    }

    @Test
    void forbidsSelfAssignedAdminRole() {
        fixture.given(REGISTERED)
                .when(new ChangeUserRoleCommand(ID, Role.ADMIN, null, SELF))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void forbidsChangingAnotherUsersRoleUnlessAdmin() {
        fixture.given(REGISTERED)
                .when(new ChangeUserRoleCommand(ID, Role.FREELANCER, null, STRANGER))
                .expectException(ForbiddenException.class);
    }

    @Test
    void adminMayGiveAnyRole() {
        fixture.given(REGISTERED)
                .when(new ChangeUserRoleCommand(ID, Role.ADMIN, null, ADMIN))
                .expectEvents(new UserRoleChangedEvent(ID, Role.ADMIN, null));
    }

    @Test
    void choosingTheCurrentRoleAgainChangesNothing() {
        fixture.given(REGISTERED)
                .when(new ChangeUserRoleCommand(ID, Role.CUSTOMER, null, SELF))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void grantsAdminRoleOnce() {
        fixture.given(REGISTERED, new UserRoleChangedEvent(ID, Role.ADMIN, null))
                .when(new GrantAdminRoleCommand(ID))
                .expectNoEvents();
    }

    @Test
    void grantingAdminDropsTheSellerCategory() {
        fixture.given(REGISTERED, new UserRoleChangedEvent(ID, Role.SELLER, SellerCategory.IMPORTATEUR))
                .when(new GrantAdminRoleCommand(ID))
                .expectEvents(new UserRoleChangedEvent(ID, Role.ADMIN, null));
    }

    @Test
    void updatesProfileKeepingFieldsNotGiven() {
        fixture.given(REGISTERED)
                .when(new UpdateUserProfileCommand(ID, new ProfileChanges(null, "+213 555 12 34 56", "Alger",
                        null, null, "push-1")))
                .expectEvents(new UserProfileUpdatedEvent(ID, "Amina", "+213 555 12 34 56", "Alger", null, null,
                        "push-1"));
    }

    @Test
    void emptyTextClearsAProfileField() {
        fixture.given(REGISTERED, new UserProfileUpdatedEvent(ID, "Amina", null, "Oran", null, null, null))
                .when(new UpdateUserProfileCommand(ID, new ProfileChanges(null, null, "", null, null, null)))
                .expectEvents(new UserProfileUpdatedEvent(ID, "Amina", null, null, null, null, null));
    }

    @Test
    void revokesThePushTokenExpoRefused() {
        fixture.given(REGISTERED, new UserProfileUpdatedEvent(ID, "Amina", null, null, null, null, "push-1"))
                .when(new RevokePushTokenCommand(ID, "push-1", "DeviceNotRegistered"))
                .expectEvents(new UserPushTokenRevokedEvent(ID, "push-1", "DeviceNotRegistered"));
    }

    @Test
    void keepsAPushTokenRegisteredSinceTheRefusedOne() {
        fixture.given(REGISTERED, new UserProfileUpdatedEvent(ID, "Amina", null, null, null, null, "push-2"))
                .when(new RevokePushTokenCommand(ID, "push-1", "DeviceNotRegistered"))
                .expectNoEvents();
        fixture.given(REGISTERED, new UserProfileUpdatedEvent(ID, "Amina", null, null, null, null, "push-1"),
                        new UserPushTokenRevokedEvent(ID, "push-1", "DeviceNotRegistered"))
                .when(new RevokePushTokenCommand(ID, "push-1", "DeviceNotRegistered"))
                .expectNoEvents();
    }

    @Test
    void rejectsEmptyFullName() {
        fixture.given(REGISTERED)
                .when(new UpdateUserProfileCommand(ID, new ProfileChanges("  ", null, null, null, null, null)))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void rejectsAvatarThatIsNotAWebUrl() {
        fixture.given(REGISTERED)
                .when(new UpdateUserProfileCommand(ID, new ProfileChanges(null, null, null, null,
                        "javascript:alert(1)", null)))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void rejectsOverlongBio() {
        fixture.given(REGISTERED)
                .when(new UpdateUserProfileCommand(ID, new ProfileChanges(null, null, null, "x".repeat(1001),
                        null, null)))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void deactivatesOnce() {
        fixture.given(REGISTERED)
                .when(new DeactivateUserCommand(ID))
                .expectEvents(new UserDeactivatedEvent(ID));
        fixture.given(REGISTERED, new UserDeactivatedEvent(ID))
                .when(new DeactivateUserCommand(ID))
                .expectNoEvents();
    }

    @Test
    void deactivatedUserCanNotChangeRoleOrProfile() {
        fixture.given(REGISTERED, new UserDeactivatedEvent(ID))
                .when(new ChangeUserRoleCommand(ID, Role.FREELANCER, null, ADMIN))
                .expectException(ConflictException.class);
        fixture.given(REGISTERED, new UserDeactivatedEvent(ID))
                .when(new UpdateUserProfileCommand(ID, new ProfileChanges("New", null, null, null, null, null)))
                .expectException(ConflictException.class);
    }

    @Test
    void syncCreatesUnknownUserWithRoleFromMetadata() {
        fixture.givenNoPriorActivity()
                .when(new SyncUserFromIdentityProviderCommand(ID, SUB, "amina@zst.test", "Amina", null, null,
                        Role.SELLER, SellerCategory.FOURNISSEUR))
                .expectEvents(new UserRegisteredEvent(ID, SUB, "amina@zst.test", "Amina", null, null, Role.SELLER,
                        SellerCategory.FOURNISSEUR));
    }

    @Test
    void syncUpdatesChangedIdentityAndKeepsUnknownFields() {
        fixture.given(REGISTERED)
                .when(new SyncUserFromIdentityProviderCommand(ID, SUB, "new@zst.test", null,
                        "https://img.clerk.com/a.png", null, null, null))
                .expectEvents(new UserIdentityUpdatedEvent(ID, "new@zst.test", "Amina", "https://img.clerk.com/a.png",
                        null));
    }

    @Test
    void syncWithNothingNewChangesNothing() {
        fixture.given(REGISTERED)
                .when(new SyncUserFromIdentityProviderCommand(ID, SUB, "amina@zst.test", "Amina", null, null,
                        Role.CUSTOMER, null))
                .expectNoEvents();
    }

    @Test
    void syncIgnoresDeactivatedUser() {
        fixture.given(REGISTERED, new UserDeactivatedEvent(ID))
                .when(new SyncUserFromIdentityProviderCommand(ID, SUB, "new@zst.test", "New", null, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
