package dz.zst.app.web;

import dz.zst.app.security.BearerSignIn;
import dz.zst.domain.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * A request answered in front of Spring Security's chain and Spring MVC, with the answer the full
 * path would give: what every such answer needs, whatever it answers ({@link ReadShortcut} for
 * cached reads, {@link HopelessBidShortcut} for a bid's refusal). Profiled, an authenticated request
 * spent most of its CPU in the security filters and in matching the request to its handler (twice:
 * once for Spring Security's matchers, once in the dispatcher), not in producing the answer.
 *
 * <p>A bearer token is verified here exactly as the chain verifies it, by the same
 * {@link BearerSignIn}. A request is taken only when nothing about it needs the full path: no
 * Origin (CORS is the chain's), no Idempotency-Key (its checks are the chain's). The global rate
 * limit (per user when signed in, as after the chain) and the security headers apply as on the full
 * path; the HTTP metrics record the route's pattern.
 */
public abstract class Shortcut extends OncePerRequestFilter implements Ordered {

    /** Spring Security's default response headers (HSTS only on HTTPS requests, as there). */
    private static final List<HeaderWriter> SECURITY_HEADERS = List.of(new XContentTypeOptionsHeaderWriter(),
            new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));
    /** What the CORS filter adds to every answer, cross-origin or not. */
    private static final List<String> CORS_VARY = List.of(HttpHeaders.ORIGIN,
            HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

    protected final BearerSignIn signIn;
    /** Null when the global limit is off (RATE_LIMIT_PER_MINUTE=0). */
    private final RateLimitFilter rateLimit;

    protected Shortcut(BearerSignIn signIn, ObjectProvider<RateLimitFilter> rateLimit) {
        this.signIn = signIn;
        // Resolved once: a bean lookup per request would cost more than the rest of a cached read.
        this.rateLimit = rateLimit.getIfAvailable();
    }

    /** Whether nothing in the request's headers needs the security chain's filters. */
    protected static boolean plain(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.ORIGIN) == null && request.getHeader(IdempotencyFilter.HEADER) == null;
    }

    /**
     * The verified token of the request's {@code Authorization} header, or null when it holds no
     * bearer token; throws when the token does not verify (left to the full path).
     */
    protected BearerSignIn.SignedIn verifiedToken(HttpServletRequest request) {
        String token = BearerSignIn.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        return token == null ? null : signIn.verify(token);
    }

    /**
     * Takes the request from the caller's budget (null: a guest, counted by address) and says
     * whether it may be answered; when not, the 429 has been written, as the full path writes it.
     */
    protected boolean admitted(HttpServletRequest request, HttpServletResponse response, Actor caller)
            throws IOException {
        return rateLimit == null || (caller == null ? rateLimit.admits(request, response)
                : rateLimit.admits(ClientIdentity.of(caller), response));
    }

    /**
     * What the full path adds to every answer of an authenticated route: the route's pattern for the
     * HTTP metrics, the CORS filter's Vary and Spring Security's headers.
     */
    protected static void fullPathHeaders(HttpServletRequest request, HttpServletResponse response, String pattern) {
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(pattern));
        for (String vary : CORS_VARY) {
            response.addHeader(HttpHeaders.VARY, vary);
        }
        for (HeaderWriter writer : SECURITY_HEADERS) {
            writer.writeHeaders(request, response);
        }
    }

    /**
     * Right after the filters every request needs (HTTP metrics, request id, size and query-string
     * checks), before the servlet-request plumbing of Spring MVC and the security chain.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }
}
