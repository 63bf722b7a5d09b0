package dz.zst.domain.shared;

/**
 * Who is acting: the authenticated user behind a request. Guests have no Actor (null).
 * Carried on every command and query so that rules are checked where the data lives.
 */
public record Actor(UserId userId, Role role, SellerCategory sellerCategory) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isSeller() {
        return role == Role.SELLER && sellerCategory != null;
    }

    public boolean is(UserId other) {
        return userId.equals(other);
    }
}
