package dz.zst.domain.users;

import dz.zst.domain.shared.UserId;

/** Queries over the users read model. Each answers an {@code Optional<UserView>}. */
public final class UserQueries {
    private UserQueries() {
    }

    public record FindUserQuery(UserId userId) {
    }

    public record FindUserByClerkIdQuery(String clerkId) {
    }
}
