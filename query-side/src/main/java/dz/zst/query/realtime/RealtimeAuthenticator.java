package dz.zst.query.realtime;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.UserId;
import java.util.Optional;

/**
 * Checks the token a socket presents in its handshake exactly as the REST API checks a bearer
 * token (API.md §2: signature, issuer, authorized party, expiry, deactivated users). Implemented
 * where the token verification lives (the app module); the gateway only needs the answer. In two
 * steps, since the first runs on netty's event loop and the second must not.
 */
public interface RealtimeAuthenticator {

    /**
     * The token's own checks (signature, issuer, authorized party, expiry), without the user store:
     * computation only, and a token checked before is answered from memory.
     *
     * @return the user the token names, or empty when the token must be refused
     */
    Optional<UserId> verify(String token);

    /**
     * The whole check: {@link #verify} and the user behind the token (created on first sight,
     * refused when deactivated). Reads the user store: never on an event loop.
     *
     * @return the actor behind the token, or empty when the token must be refused
     * @throws RuntimeException when the token could not be checked at all (the user store is
     *         unreachable); the socket is then refused as unavailable, not as unauthorized
     */
    Optional<Actor> authenticate(String token);
}
