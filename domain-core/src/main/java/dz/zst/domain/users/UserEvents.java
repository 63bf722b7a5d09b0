package dz.zst.domain.users;

import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import org.axonframework.serialization.Revision;

/** Events of the User aggregate. Facts forever: change only through upcasters. */
public final class UserEvents {
    private UserEvents() {
    }

    /** Any event of the User aggregate, for handlers that only care which user changed. */
    public interface UserEvent {
        UserId userId();
    }

    @Revision("1")
    public record UserRegisteredEvent(UserId userId, String clerkId, String email, String fullName,
                                      String avatarUrl, String phone, Role role, SellerCategory sellerCategory)
            implements UserEvent {
    }

    /** The identity provider's view of the user changed; carries the resulting values. */
    @Revision("1")
    public record UserIdentityUpdatedEvent(UserId userId, String email, String fullName, String avatarUrl,
                                           String phone) implements UserEvent {
    }

    /** @param sellerCategory null unless role is seller. */
    @Revision("1")
    public record UserRoleChangedEvent(UserId userId, Role role, SellerCategory sellerCategory)
            implements UserEvent {
    }

    /** The user edited their profile; carries the resulting values of every editable field. */
    @Revision("1")
    public record UserProfileUpdatedEvent(UserId userId, String fullName, String phone, String wilaya, String bio,
                                          String avatarUrl, String pushToken) implements UserEvent {
    }

    /** The push service said the user's push token reaches no device any more; the user has none now. */
    @Revision("1")
    public record UserPushTokenRevokedEvent(UserId userId, String pushToken, String reason) implements UserEvent {
    }

    @Revision("1")
    public record UserDeactivatedEvent(UserId userId) implements UserEvent {
    }
}
