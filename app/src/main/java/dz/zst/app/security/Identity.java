package dz.zst.app.security;

import org.springframework.security.oauth2.jwt.Jwt;

/** What a verified sign-in tells about a person; only the subject is certain to be there. */
public record Identity(String subject, String email, String fullName, String avatarUrl) {

    public static Identity of(Jwt jwt) {
        return new Identity(jwt.getSubject(), jwt.getClaimAsString("email"), jwt.getClaimAsString("name"),
                jwt.getClaimAsString("picture"));
    }

    Identity withoutOptionalClaims() {
        return new Identity(subject, null, null, null);
    }
}
