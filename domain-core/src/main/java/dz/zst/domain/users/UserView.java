package dz.zst.domain.users;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * A user as the user themself (or an admin) sees it: clerkId and pushToken are private, so other
 * users only ever get a {@link dz.zst.domain.shared.PublicSellerView}.
 *
 * @param version sequence number of the last User event the read model applied; lets a writer
 *                wait until its own change is visible.
 */
public record UserView(UUID id, String clerkId, String email, String fullName, String avatarUrl, String phone,
                       String wilaya, String bio, Role role, SellerCategory sellerCategory, boolean isVerified,
                       boolean isActive, String pushToken, Instant createdAt, Instant updatedAt,
                       @JsonIgnore long version) {

    public UserId userId() {
        return new UserId(id);
    }
}
