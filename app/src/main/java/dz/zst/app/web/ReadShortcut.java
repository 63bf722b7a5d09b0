package dz.zst.app.web;

import dz.zst.app.security.BearerSignIn;
import dz.zst.domain.shared.Actor;
import dz.zst.query.shared.RenderedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * A cached read answered in front of the security chain and Spring MVC. Profiled at 100
 * connections, a cached read spent most of its CPU in the security filters and in matching the
 * request to its handler (twice: once for Spring Security's matchers, once in the dispatcher), not
 * in producing the answer; a signed-in read cost 2.5 times a guest's (issue 24: bearer filter 10 %,
 * Spring MVC 40 %, our filters 9 % of its profile).
 *
 * <p>The answer is the controller's, byte for byte: both go through the same reads of the query
 * side, so the same cache key, generation check (never a stale read) and rendering. A bearer token
 * is verified here exactly as the chain verifies it, by the same {@link BearerSignIn}: the same
 * decoder (signature, issuer, azp, expiry, not-before) and the same user resolution, a deactivated
 * user refused. The caller's own generation (whether the user changed: deactivated, new role) is
 * read in the same Redis MGET as the read's generations. Every refusal is left to the full path,
 * which decides it again and gives its usual 401 or 403, so no refusal is written twice.
 *
 * <p>It is taken only when nothing about the request needs the full path: a GET of a route the
 * subclass answers, with no Origin (CORS is the chain's), no Idempotency-Key (its checks are the
 * chain's) and an Accept that JSON satisfies. Any other request, and any read that fails (a bad
 * parameter, a refused token, a caller without the right, the database refusing), falls through to
 * the full path, which gives its usual answer and logging. The global rate limit (per user when
 * signed in, as after the chain) and the security headers apply as on the full path; the HTTP
 * metrics record the route's pattern.
 */
public abstract class ReadShortcut extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(ReadShortcut.class);

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

    protected ReadShortcut(BearerSignIn signIn, ObjectProvider<RateLimitFilter> rateLimit) {
        this.signIn = signIn;
        // Resolved once: a bean lookup per request would cost more than the rest of a cached read.
        this.rateLimit = rateLimit.getIfAvailable();
    }

    /** The answer to {@code caller} (null: a guest), under the route's {@code pattern}. */
    protected record Answer(String pattern, Actor caller, RenderedBody body) {
    }

    /** Whether the request is for a route this shortcut answers (method and headers are checked here). */
    protected abstract boolean answers(HttpServletRequest request);

    /**
     * The answer, or empty to leave the request to the full path; may throw, which leaves it to the
     * full path as well.
     */
    protected abstract Optional<Answer> answer(HttpServletRequest request);

    /** Counts an answer given here. */
    protected abstract void served(Answer answer);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !answers(request)
                || request.getHeader(HttpHeaders.ORIGIN) != null || request.getHeader(IdempotencyFilter.HEADER) != null
                || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Answer> found = answerOrNone(request);
        if (found.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Answer answer = found.get();
        Actor caller = answer.caller();
        if (rateLimit != null && !(caller == null ? rateLimit.admits(request, response)
                : rateLimit.admits(ClientIdentity.of(caller), response))) {
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(answer.pattern()));
        write(request, response, answer.body());
        served(answer);
    }

    private Optional<Answer> answerOrNone(HttpServletRequest request) {
        try {
            return answer(request);
        } catch (RuntimeException fullPathAnswers) {
            // A bad parameter, an unknown row, a token refused, the database refusing: the full path
            // has the answer (a 400, a 401, a 403, a 404, the error shape) and the logging for each.
            log.debug("read of {} left to the full path", request.getRequestURI(), fullPathAnswers);
            return Optional.empty();
        }
    }

    /**
     * The verified token of the request's {@code Authorization} header, or null when it holds no
     * bearer token; throws when the token does not verify (left to the full path).
     */
    protected BearerSignIn.SignedIn verifiedToken(HttpServletRequest request) {
        String token = BearerSignIn.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        return token == null ? null : signIn.verify(token);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, RenderedBody body)
            throws IOException {
        for (String vary : CORS_VARY) {
            response.addHeader(HttpHeaders.VARY, vary);
        }
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        for (HeaderWriter writer : SECURITY_HEADERS) {
            writer.writeHeaders(request, response);
        }
        byte[] bytes = body.json();
        if (RenderedBody.gzipAccepted(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            bytes = body.gzip();
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static boolean acceptsJson(String accept) {
        return accept == null || accept.contains("*/*") || accept.contains("application/json");
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
