package dz.zst.domain.users;

/**
 * The fields a user may edit on their own profile. A null field is left unchanged; an empty one
 * clears the value (except fullName, which can't be cleared).
 */
public record ProfileChanges(String fullName, String phone, String wilaya, String bio, String avatarUrl,
                             String pushToken) {

    public boolean isEmpty() {
        return fullName == null && phone == null && wilaya == null && bio == null && avatarUrl == null
                && pushToken == null;
    }
}
