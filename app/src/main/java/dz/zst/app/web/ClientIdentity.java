package dz.zst.app.web;

import dz.zst.domain.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who a request counts against, for rate limits and idempotency keys: the authenticated user when
 * Spring Security resolved one, else the client's address. X-Forwarded-For is honoured only when
 * zst.trust-forwarded-for says a proxy in front sets it; then its last entry is used, the one our
 * own proxy appended, because every entry before it is whatever the client chose to send.
 */
@Component
public class ClientIdentity {

    private final boolean trustForwardedFor;

    public ClientIdentity(@Value("${zst.trust-forwarded-for:false}") boolean trustForwardedFor) {
        this.trustForwardedFor = trustForwardedFor;
    }

    public String of(HttpServletRequest request) {
        return user().orElseGet(() -> "ip:" + address(request));
    }

    /** The authenticated user's identity; empty for a guest. */
    public Optional<String> user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            return Optional.of("user:" + actor.userId());
        }
        return Optional.empty();
    }

    private String address(HttpServletRequest request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                String last = hops[hops.length - 1].trim();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        return request.getRemoteAddr();
    }
}
