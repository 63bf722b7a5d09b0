package dz.zst.app.security;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.DomainException;
import dz.zst.domain.users.UserView;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Spring Security's DefaultBearerTokenResolver's pattern: any other Authorization header is not a bearer token. */
    private static final Pattern BEARER = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
            Pattern.CASE_INSENSITIVE);

    private final JwtDecoder decoder;
    private final ActorResolver resolver;

    public BearerSignIn(JwtDecoder decoder, ActorResolver resolver) {
        this.decoder = decoder;
        this.resolver = resolver;
    }

    /** The token of an {@code Authorization} header as the security chain reads it; null when it holds none. */
    public static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher matcher = BEARER.matcher(authorization);
        return matcher.matches() ? matcher.group("token") : null;
    }

    /** The verified token; a JwtException when it does not verify. */
    public Jwt verify(String token) {
        return decoder.decode(token);
    }

    /** The active user {@code jwt} signs in (see {@link #actor(Jwt, String)}). */
    public Actor actor(Jwt jwt) {
        return active(resolve(jwt, resolver::resolve));
    }

    /**
     * The active user {@code jwt} signs in, the user's generation ({@link #generationKey(Jwt)})
     * read by the caller; InvalidBearerTokenException when its identity can't be a user,
     * DisabledException when the user is deactivated.
     */
    public Actor actor(Jwt jwt, String userGeneration) {
        return active(resolve(jwt, identity -> resolver.resolve(identity, userGeneration)));
    }

    /** The Redis key of the generation {@link #actor(Jwt, String)} takes. */
    public static String generationKey(Jwt jwt) {
        return ActorResolver.generationKey(Identity.of(jwt));
    }

    private static UserView resolve(Jwt jwt, Function<Identity, UserView> resolving) {
        try {
            return resolving.apply(Identity.of(jwt));
        } catch (IllegalArgumentException | DomainException e) {
            throw new InvalidBearerTokenException("The token's identity can't be a user: " + e.getMessage());
        }
    }

    private static Actor active(UserView user) {
        if (!user.isActive()) {
            throw new DisabledException("User is deactivated");
        }
        return new Actor(user.userId(), user.role(), user.sellerCategory());
    }
}
