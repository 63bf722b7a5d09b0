package dz.zst.app.security;

import dz.zst.domain.shared.Actor;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** An authenticated request: the principal is the Actor every controller receives. */
public class ActorAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;
    private final transient Jwt token;

    public ActorAuthentication(Actor actor, Jwt token) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
        this.actor = actor;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Actor getPrincipal() {
        return actor;
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return actor.userId().toString();
    }
}
