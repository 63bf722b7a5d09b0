package dz.zst.command.users;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dz.zst.domain.shared.Actor;
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
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A platform user. Created on first sight of an identity: its id derives from the identity
 * provider's subject, so creation commands use CREATE_IF_MISSING and are no-ops on an existing user,
 * and every command that changes nothing applies nothing.
 */
@Aggregate(repository = "userRepository")
public class User {

    @AggregateIdentifier
    private UserId userId;
    private String email;
    private String fullName;
    private String avatarUrl;
    private String phone;
    private String wilaya;
    private String bio;
    private String pushToken;
    private Role role;
    private SellerCategory sellerCategory;
    private boolean active;

    protected User() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterUserCommand command) {
        if (userId != null) {
            return;
        }
        String clerkId = UserRules.subject(command.clerkId());
        apply(new UserRegisteredEvent(command.userId(), clerkId, UserRules.email(command.email()),
                UserRules.fullName(command.fullName()), UserRules.url(command.avatarUrl(), "avatar_url"),
                null, Role.CUSTOMER, null));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SyncUserFromIdentityProviderCommand command) {
        String syncedEmail = UserRules.email(command.email());
        String syncedName = UserRules.fullName(command.fullName());
        String syncedAvatar = UserRules.url(command.avatarUrl(), "avatar_url");
        String syncedPhone = UserRules.phone(command.phone());
        if (command.role() != null) {
            UserRules.checkCategoryFits(command.role(), command.sellerCategory());
        }
        if (userId == null) {
            Role initialRole = command.role() == null ? Role.CUSTOMER : command.role();
            apply(new UserRegisteredEvent(command.userId(), UserRules.subject(command.clerkId()),
                    syncedEmail, syncedName, syncedAvatar, syncedPhone, initialRole,
                    command.role() == null ? null : command.sellerCategory()));
            return;
        }
        if (!active) {
            return;
        }
        String newEmail = syncedEmail == null ? email : syncedEmail;
        String newName = syncedName == null ? fullName : syncedName;
        String newAvatar = syncedAvatar == null ? avatarUrl : syncedAvatar;
        String newPhone = syncedPhone == null ? phone : syncedPhone;
        if (!Objects.equals(newEmail, email) || !Objects.equals(newName, fullName)
                || !Objects.equals(newAvatar, avatarUrl) || !Objects.equals(newPhone, phone)) {
            apply(new UserIdentityUpdatedEvent(userId, newEmail, newName, newAvatar, newPhone));
        }
        if (command.role() != null) {
            applyRole(command.role(), command.sellerCategory());
        }
    }

    @CommandHandler
    public void handle(ChangeUserRoleCommand command) {
        if (command.role() == null) {
            throw new IllegalArgumentException("role is required");
        }
        Actor requester = command.requestedBy();
        boolean byAdmin = requester != null && requester.isAdmin();
        if (!byAdmin && (requester == null || !requester.is(userId))) {
            throw new ForbiddenException("Only an admin can change another user's role");
        }
        if (!byAdmin && command.role() == Role.ADMIN) {
            throw new ForbiddenException("The admin role can't be self-assigned");
        }
        UserRules.checkCategoryFits(command.role(), command.sellerCategory());
        requireActive();
        applyRole(command.role(), command.sellerCategory());
    }

    @CommandHandler
    public void handle(GrantAdminRoleCommand command) {
        requireActive();
        applyRole(Role.ADMIN, null);
    }

    @CommandHandler
    public void handle(UpdateUserProfileCommand command) {
        ProfileChanges changes = command.changes();
        if (changes == null || changes.isEmpty()) {
            return;
        }
        String newName = changes.fullName() == null ? fullName : UserRules.requiredFullName(changes.fullName());
        String newPhone = changes.phone() == null ? phone : UserRules.phone(changes.phone());
        String newWilaya = changes.wilaya() == null ? wilaya : UserRules.text(changes.wilaya(), "wilaya", 100);
        String newBio = changes.bio() == null ? bio : UserRules.text(changes.bio(), "bio", 1000);
        String newAvatar = changes.avatarUrl() == null ? avatarUrl : UserRules.url(changes.avatarUrl(), "avatar_url");
        String newPushToken = changes.pushToken() == null ? pushToken
                : UserRules.text(changes.pushToken(), "push_token", 512);
        requireActive();
        if (Objects.equals(newName, fullName) && Objects.equals(newPhone, phone) && Objects.equals(newWilaya, wilaya)
                && Objects.equals(newBio, bio) && Objects.equals(newAvatar, avatarUrl)
                && Objects.equals(newPushToken, pushToken)) {
            return;
        }
        apply(new UserProfileUpdatedEvent(userId, newName, newPhone, newWilaya, newBio, newAvatar, newPushToken));
    }

    /** Only the token Expo refused: a token the user registered since is kept. */
    @CommandHandler
    public void handle(RevokePushTokenCommand command) {
        if (pushToken != null && pushToken.equals(command.pushToken())) {
            apply(new UserPushTokenRevokedEvent(userId, pushToken, command.reason()));
        }
    }

    @CommandHandler
    public void handle(DeactivateUserCommand command) {
        if (active) {
            apply(new UserDeactivatedEvent(userId));
        }
    }

    private void applyRole(Role newRole, SellerCategory newCategory) {
        SellerCategory category = newRole == Role.SELLER ? newCategory : null;
        if (newRole != role || category != sellerCategory) {
            apply(new UserRoleChangedEvent(userId, newRole, category));
        }
    }

    private void requireActive() {
        if (!active) {
            throw new ConflictException("User is deactivated");
        }
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        email = event.email();
        fullName = event.fullName();
        avatarUrl = event.avatarUrl();
        phone = event.phone();
        role = event.role();
        sellerCategory = event.sellerCategory();
        active = true;
    }

    @EventSourcingHandler
    void on(UserIdentityUpdatedEvent event) {
        email = event.email();
        fullName = event.fullName();
        avatarUrl = event.avatarUrl();
        phone = event.phone();
    }

    @EventSourcingHandler
    void on(UserRoleChangedEvent event) {
        role = event.role();
        sellerCategory = event.sellerCategory();
    }

    @EventSourcingHandler
    void on(UserProfileUpdatedEvent event) {
        fullName = event.fullName();
        phone = event.phone();
        wilaya = event.wilaya();
        bio = event.bio();
        avatarUrl = event.avatarUrl();
        pushToken = event.pushToken();
    }

    @EventSourcingHandler
    void on(UserPushTokenRevokedEvent event) {
        pushToken = null;
    }

    @EventSourcingHandler
    void on(UserDeactivatedEvent event) {
        active = false;
    }
}
