package dz.zst.query.realtime;

import dz.zst.domain.shared.Actor;
import java.util.Optional;

/**
 * Checks the token a socket presents in its handshake exactly as the REST API checks a bearer
 * token (API.md §2: signature, issuer, authorized party, expiry, deactivated users). Implemented
 * where the token verification lives (the app module); the gateway only needs the answer.
 */
public interface RealtimeAuthenticator {

    /**
     * @return the actor behind the token, or empty when the token must be refused
     * @throws RuntimeException when the token could not be checked at all (the user store is
     *         unreachable); the socket is then refused as unavailable, not as unauthorized
     */
    Optional<Actor> authenticate(String token);
}
