package dz.zst.domain.users;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of the User aggregate. */
public final class UserCommands {
    private UserCommands() {
    }

    /**
     * First sight of an identity (a verified token, a development sign-in): creates the user as a
     * customer, or does nothing when the user already exists, so racing nodes both succeed.
     */
    public record RegisterUserCommand(@TargetAggregateIdentifier UserId userId, String clerkId, String email,
                                      String fullName, String avatarUrl) {
    }

    /**
     * What the identity provider (Clerk) knows about a user, created or updated. Null fields are
     * unknown and leave the user's value as it is; role and sellerCategory come from Clerk's public
     * metadata, which only the platform's operators can write.
     */
    public record SyncUserFromIdentityProviderCommand(@TargetAggregateIdentifier UserId userId, String clerkId,
                                                      String email, String fullName, String avatarUrl,
                                                      String phone, Role role, SellerCategory sellerCategory) {
    }

    /** A user choosing their own role, or an admin setting anyone's. */
    public record ChangeUserRoleCommand(@TargetAggregateIdentifier UserId userId, Role role,
                                        SellerCategory sellerCategory, Actor requestedBy) {
    }

    /** The user's email is on the configured admin list (ZST_ADMIN_EMAILS) and they signed in. */
    public record GrantAdminRoleCommand(@TargetAggregateIdentifier UserId userId) {
    }

    public record UpdateUserProfileCommand(@TargetAggregateIdentifier UserId userId, ProfileChanges changes) {
    }

    /**
     * Expo answered that {@code pushToken} no longer reaches a device (DeviceNotRegistered): the user's
     * token is cleared if it is still that one (the app may have registered a new one since).
     * {@code reason} is Expo's error, kept in the event for the audit.
     */
    public record RevokePushTokenCommand(@TargetAggregateIdentifier UserId userId, String pushToken, String reason) {
    }

    /** The identity was deleted at the identity provider; the user's data is kept. */
    public record DeactivateUserCommand(@TargetAggregateIdentifier UserId userId) {
    }
}
