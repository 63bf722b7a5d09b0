package dz.zst.app.web;

import dz.zst.domain.shared.Ids;
import dz.zst.query.catalog.ProductListRequest;
import dz.zst.query.catalog.ProductReads;
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
 * The catalog's busiest reads, a guest's product list and product page, answered from the
 * read-model cache in front of the security chain and Spring MVC. Profiled at 100 connections, a
 * cached guest read spent most of its CPU in the security filters and in matching the request to
 * its handler (twice: once for Spring Security's matchers, once in the dispatcher), not in
 * producing the answer.
 *
 * <p>The answer is the controller's, byte for byte: both go through {@link ProductReads}, so the
 * same cache key, generation check (never a stale read) and rendering. It is taken only when
 * nothing about the request needs the full path: a GET with no token (a token is verified by the
 * security chain, always), no Origin (CORS is the chain's), an Accept that JSON satisfies, and
 * query parameters that {@link ProductListRequest#fromQuery} reads exactly as Spring would. Any
 * other request, and any read that fails (a bad filter, an unknown product), falls through to the
 * full path, which gives its usual answer. The global rate limit and the security headers apply as
 * on the full path; the HTTP metrics record the route's pattern. {@code zst.http.guest-shortcut=false}
 * turns it off (every read takes the full path), for comparing the two.
 */
@Component
@ConditionalOnProperty(name = "zst.http.guest-shortcut", havingValue = "true", matchIfMissing = true)
public class GuestCatalogShortcut extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(GuestCatalogShortcut.class);

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
    /** Null when the global limit is off (RATE_LIMIT_PER_MINUTE=0). */
    private final RateLimitFilter rateLimit;
    private final Counter served;

    public GuestCatalogShortcut(ProductReads products, ObjectProvider<RateLimitFilter> rateLimit,
                                MeterRegistry meters) {
        this.products = products;
        // Resolved once: a bean lookup per request would cost more than the rest of a cached read.
        this.rateLimit = rateLimit.getIfAvailable();
        this.served = Counter.builder("zst.http.guest.catalog.shortcut")
                .description("Guest catalog reads answered in front of the security chain")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"GET".equals(request.getMethod()) || !path.startsWith(LIST)
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getHeader(HttpHeaders.ORIGIN) != null
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
        if (rateLimit != null && !rateLimit.admits(request, response)) {
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(answer.get().pattern()));
        write(request, response, answer.get().body());
        served.increment();
    }

    private record Answer(String pattern, RenderedBody body) {
    }

    private Optional<Answer> answer(HttpServletRequest request) {
        String path = request.getRequestURI();
        try {
            if (path.equals(LIST)) {
                Optional<ProductListRequest> query = ProductListRequest.fromQuery(request.getParameterMap());
                return query.map(q -> new Answer(LIST, products.page(null, q)));
            }
            String id = path.startsWith(ONE) ? path.substring(ONE.length()) : "";
            if (request.getQueryString() == null && UUID.matcher(id).matches()) {
                return Optional.of(new Answer(ONE_PATTERN, products.product(null, id)));
            }
            return Optional.empty();
        } catch (RuntimeException fullPathAnswers) {
            // A bad filter, an unknown product, the database refusing: the full path has the answer
            // (a 400, a 404, the error shape) and the logging for each.
            log.debug("guest catalog read of {} left to the full path", path, fullPathAnswers);
            return Optional.empty();
        }
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
