package dz.zst.app.security;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.DomainException;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserView;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * The one decision of who a bearer token signs in, for the security chain and for the catalog
 * shortcut in front of it: the token verified by the {@link JwtDecoder} (signature, issuer, azp,
 * expiry and not-before), its identity resolved to the platform user ({@link ActorResolver}), a
 * deactivated user refused. The chain turns the refusals into its 401 and 403; the shortcut leaves
 * every refused request to the chain, so both answers are the chain's.
 */
@Component
public class BearerSignIn {

    private static final String BEARER = "Bearer ";
    private static final int MAX_KNOWN = 10_000;

    /** What a verified token says of its user, derived once per token. */
    public record SignedIn(Jwt jwt, Identity identity, UserId userId, String generationKey) {
    }

    private final JwtDecoder decoder;
    private final ActorResolver resolver;
    /**
     * Keyed by the verified Jwt (equal for the same token), so only what the decoder accepted is
     * here; deriving it per request (claims through Spring's conversion service, the user id's MD5)
     * was a tenth of the shortcut's token handling in the profile of a signed-in list read.
     */
    private final Map<Jwt, SignedIn> known = new ConcurrentHashMap<>();

    public BearerSignIn(JwtDecoder decoder, ActorResolver resolver) {
        this.decoder = decoder;
        this.resolver = resolver;
    }

    /**
     * The token of an {@code Authorization} header as the security chain reads it (Spring
     * Security's DefaultBearerTokenResolver: {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$},
     * "Bearer" in any case); null when it holds none. Written out rather than with that pattern: on
     * a 700-character session token the regular expression was 7 % of a signed-in read's CPU.
     */
    public static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        int end = authorization.length();
        int padding = end;
        while (padding > BEARER.length() && authorization.charAt(padding - 1) == '=') {
            padding--;
        }
        if (padding == BEARER.length()) {
            return null;
        }
        for (int i = BEARER.length(); i < padding; i++) {
            if (!tokenCharacter(authorization.charAt(i))) {
                return null;
            }
        }
        return authorization.substring(BEARER.length());
    }

    private static boolean tokenCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    /** The verified token and what it says of its user; a JwtException when it does not verify. */
    public SignedIn verify(String token) {
        Jwt jwt = decoder.decode(token);
        SignedIn signedIn = known.get(jwt);
        if (signedIn == null) {
            signedIn = identify(jwt);
            if (known.size() >= MAX_KNOWN) {
                known.clear();
            }
            known.put(jwt, signedIn);
        }
        return signedIn;
    }

    /** The active user {@code jwt} signs in (see {@link #actor(SignedIn, String)}). */
    public Actor actor(Jwt jwt) {
        try {
            return active(resolver.resolve(Identity.of(jwt)));
        } catch (IllegalArgumentException | DomainException e) {
            throw unusable(e);
        }
    }

    /**
     * The active user a verified token signs in, as found current within the last {@code within}
     * ({@link ActorResolver#resolveRecent}): only for answers that change nothing.
     */
    public Actor recentActor(SignedIn signedIn, Duration within) {
        try {
            return active(resolver.resolveRecent(signedIn.identity(), signedIn.userId(), within));
        } catch (IllegalArgumentException | DomainException e) {
            throw unusable(e);
        }
    }

    /**
     * The active user a verified token signs in, the user's generation (the value of
     * {@link SignedIn#generationKey()}) read by the caller; InvalidBearerTokenException when its
     * identity can't be a user, DisabledException when the user is deactivated.
     */
    public Actor actor(SignedIn signedIn, String userGeneration) {
        try {
            return active(resolver.resolve(signedIn.identity(), signedIn.userId(), userGeneration));
        } catch (IllegalArgumentException | DomainException e) {
            throw unusable(e);
        }
    }

    private static SignedIn identify(Jwt jwt) {
        Identity identity = Identity.of(jwt);
        try {
            UserId userId = UserId.forExternalSubject(identity.subject());
            return new SignedIn(jwt, identity, userId, ActorResolver.generationKey(userId));
        } catch (IllegalArgumentException e) {
            throw unusable(e);
        }
    }

    private static InvalidBearerTokenException unusable(RuntimeException e) {
        return new InvalidBearerTokenException("The token's identity can't be a user: " + e.getMessage());
    }

    private static Actor active(UserView user) {
        if (!user.isActive()) {
            throw new DisabledException("User is deactivated");
        }
        return new Actor(user.userId(), user.role(), user.sellerCategory());
    }
}
