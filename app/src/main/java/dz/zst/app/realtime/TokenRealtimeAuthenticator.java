package dz.zst.app.realtime;

import dz.zst.app.security.ActorResolver;
import dz.zst.app.security.Identity;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.DomainException;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserView;
import dz.zst.query.realtime.RealtimeAuthenticator;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * A socket's handshake token, checked by the REST API's own path: the same JwtDecoder (signature,
 * issuer, azp, expiry) and ActorResolver (creates the user on first sight), and refused for a
 * deactivated user, where REST answers 403. The user id is the token subject's
 * ({@code UserId.forExternalSubject}, as ActorResolver names users), known before the user store is read.
 */
@Component
public class TokenRealtimeAuthenticator implements RealtimeAuthenticator {

    private final JwtDecoder decoder;
    private final ActorResolver resolver;

    public TokenRealtimeAuthenticator(JwtDecoder decoder, ActorResolver resolver) {
        this.decoder = decoder;
        this.resolver = resolver;
    }

    @Override
    public Optional<UserId> verify(String token) {
        try {
            return Optional.ofNullable(decoder.decode(token).getSubject()).map(UserId::forExternalSubject);
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Actor> authenticate(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            return Optional.empty();
        }
        UserView user;
        try {
            user = resolver.resolve(Identity.of(jwt));
        } catch (IllegalArgumentException | DomainException e) {
            return Optional.empty();
        }
        return user.isActive()
                ? Optional.of(new Actor(user.userId(), user.role(), user.sellerCategory()))
                : Optional.empty();
    }
}
