package dz.zst.app.web;

import dz.zst.domain.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who a request counts against, for rate limits and idempotency keys: the authenticated user when
 * Spring Security resolved one, else the client's address (behind our proxy, the one it appended to
 * X-Forwarded-For: {@link ForwardedClientAddress}).
 */
@Component
public class ClientIdentity {

    public String of(HttpServletRequest request) {
        return user().orElseGet(() -> "ip:" + request.getRemoteAddr());
    }

    /** The authenticated user's identity; empty for a guest. */
    public Optional<String> user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            return Optional.of(of(actor));
        }
        return Optional.empty();
    }

    /** A signed-in caller's identity, for filters that answer before Spring Security has run. */
    public static String of(Actor actor) {
        return "user:" + actor.userId();
    }
}
