package dz.zst.app.web;

import dz.zst.app.security.BearerSignIn;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Ids;
import dz.zst.query.catalog.ProductListRequest;
import dz.zst.query.catalog.ProductReads;
import dz.zst.query.shared.ReadModelCache.Generations;
import dz.zst.query.shared.RenderedBody;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The catalog's busiest reads, the product list and product page, answered from the read-model
 * cache in front of the security chain and Spring MVC, for guests and for signed-in callers alike.
 * Profiled at 100 connections, a cached guest read spent most of its CPU in the security filters and
 * in matching the request to its handler (twice: once for Spring Security's matchers, once in the
 * dispatcher), not in producing the answer; a signed-in read cost 2.5 times a guest's (issue 24:
 * bearer filter 10 %, Spring MVC 40 %, our filters 9 % of its profile).
 *
 * <p>The answer is the controller's, byte for byte: both go through {@link ProductReads}, so the
 * same cache key (per audience: sellers and admins see their own catalog), generation check (never
 * a stale read) and rendering. A bearer token is verified here exactly as the chain verifies it,
 * by the same {@link BearerSignIn}: the same decoder (signature, issuer, azp, expiry, not-before)
 * and the same user resolution, a deactivated user refused. Every refusal is left to the full path,
 * which decides it again and gives its usual 401 or 403, so no refusal is written twice. The
 * caller's own generation (whether the user changed: deactivated, new role) is read in the same
 * Redis MGET as the catalog's generations: as a separate GET it was 5.6 % of a signed-in read's
 * profile, about as much as the rest of a guest's read costs beside the HTTP server.
 *
 * <p>It is taken only when nothing about the request needs the full path: a GET with no token or a
 * bearer token, no Origin (CORS is the chain's), no Idempotency-Key (its checks are the chain's),
 * an Accept that JSON satisfies, and query parameters that {@link ProductListRequest#fromQuery}
 * reads exactly as Spring would. Any other request, and any read that fails (a bad filter, an
 * unknown product, a refused token), falls through to the full path, which gives its usual answer.
 * The global rate limit (per user when signed in, as after the chain) and the security headers
 * apply as on the full path; the HTTP metrics record the route's pattern.
 * {@code zst.http.guest-shortcut=false} turns it off (every read takes the full path),
 * {@code zst.http.signed-in-shortcut=false} sends only signed-in reads the full way, for comparing.
 */
@Component
@ConditionalOnProperty(name = "zst.http.guest-shortcut", havingValue = "true", matchIfMissing = true)
public class CatalogShortcut extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(CatalogShortcut.class);

    static final String LIST = "/api/v1/products";
    private static final String ONE = LIST + "/";
    private static final String ONE_PATTERN = LIST + "/{id}";
    private static final Pattern UUID = Pattern.compile(Ids.UUID_PATTERN);
    /** Spring Security's default response headers (HSTS only on HTTPS requests, as there). */
    private static final List<HeaderWriter> SECURITY_HEADERS = List.of(new XContentTypeOptionsHeaderWriter(),
            new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));
    /** What the CORS filter adds to every answer, cross-origin or not. */
    private static final List<String> CORS_VARY = List.of(HttpHeaders.ORIGIN,
            HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

    private final ProductReads products;
    private final BearerSignIn signIn;
    private final boolean signedIn;
    /** Null when the global limit is off (RATE_LIMIT_PER_MINUTE=0). */
    private final RateLimitFilter rateLimit;
    private final Counter servedGuests;
    private final Counter servedSignedIn;

    public CatalogShortcut(ProductReads products, BearerSignIn signIn,
                           @Value("${zst.http.signed-in-shortcut:true}") boolean signedIn,
                           ObjectProvider<RateLimitFilter> rateLimit, MeterRegistry meters) {
        this.products = products;
        this.signIn = signIn;
        this.signedIn = signedIn;
        // Resolved once: a bean lookup per request would cost more than the rest of a cached read.
        this.rateLimit = rateLimit.getIfAvailable();
        this.servedGuests = Counter.builder("zst.http.guest.catalog.shortcut")
                .description("Guest catalog reads answered in front of the security chain")
                .register(meters);
        this.servedSignedIn = Counter.builder("zst.http.signed-in.catalog.shortcut")
                .description("Signed-in catalog reads answered in front of the security chain, token verified here")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        // Another kind of Authorization (not a bearer token) is found in answer, once, and left to the chain.
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return !"GET".equals(request.getMethod()) || !path.startsWith(LIST)
                || authorization != null && !signedIn
                || request.getHeader(HttpHeaders.ORIGIN) != null || request.getHeader(IdempotencyFilter.HEADER) != null
                || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Answer> answer = answer(request);
        if (answer.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Actor caller = answer.get().caller();
        if (rateLimit != null && !(caller == null ? rateLimit.admits(request, response)
                : rateLimit.admits(ClientIdentity.of(caller), response))) {
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(answer.get().pattern()));
        write(request, response, answer.get().body());
        (caller == null ? servedGuests : servedSignedIn).increment();
    }

    /** The answer to {@code caller} (null: a guest). */
    private record Answer(String pattern, Actor caller, RenderedBody body) {
    }

    /** A list (query set) or one product (id set). */
    private record Read(String pattern, ProductListRequest query, String id) {
    }

    private Optional<Answer> answer(HttpServletRequest request) {
        String path = request.getRequestURI();
        try {
            Optional<Read> read = read(request, path);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            Read r = read.get();
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null) {
                return Optional.of(new Answer(r.pattern(), null,
                        r.query() != null ? products.page(null, r.query()) : products.product(null, r.id())));
            }
            String token = BearerSignIn.bearerToken(authorization);
            if (token == null) {
                return Optional.empty();
            }
            BearerSignIn.SignedIn verified = signIn.verify(token);
            Generations generations = products.generations(List.of(verified.generationKey()));
            Actor caller = signIn.actor(verified, generations.others().get(0));
            return Optional.of(new Answer(r.pattern(), caller, r.query() != null
                    ? products.page(caller, r.query(), generations) : products.product(caller, r.id(), generations)));
        } catch (RuntimeException fullPathAnswers) {
            // A bad filter, an unknown product, a token refused, the database refusing: the full path
            // has the answer (a 400, a 401, a 403, a 404, the error shape) and the logging for each.
            log.debug("catalog read of {} left to the full path", path, fullPathAnswers);
            return Optional.empty();
        }
    }

    private static Optional<Read> read(HttpServletRequest request, String path) {
        if (path.equals(LIST)) {
            return ProductListRequest.fromQuery(request.getParameterMap()).map(query -> new Read(LIST, query, null));
        }
        String id = path.startsWith(ONE) ? path.substring(ONE.length()) : "";
        if (request.getQueryString() == null && UUID.matcher(id).matches()) {
            return Optional.of(new Read(ONE_PATTERN, null, id));
        }
        return Optional.empty();
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
