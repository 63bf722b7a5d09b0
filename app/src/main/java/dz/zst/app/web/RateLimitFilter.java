package dz.zst.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The global limit of API.md §12 (RATE_LIMIT_PER_MINUTE per client). Ordered right after Spring
 * Security's filter chain, so a request with a valid token counts against its user rather than
 * against an address that many users may share. Health probes and the metrics scrape are not
 * API traffic and are never limited.
 */
public class RateLimitFilter extends OncePerRequestFilter implements Ordered {

    public static final int ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 10;

    private final RateLimiter limiter;
    private final ClientIdentity clients;
    private final ProblemWriter problems;

    public RateLimitFilter(RateLimiter limiter, ClientIdentity clients, ProblemWriter problems) {
        this.limiter = limiter;
        this.clients = clients;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limits(request.getRequestURI()) || "OPTIONS".equals(request.getMethod());
    }

    /** Whether requests to this path count against the limit (the OpenAPI document's 429s come from here). */
    public static boolean limits(String path) {
        return path.startsWith("/api") && !path.equals("/api/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (admits(request, response)) {
            chain.doFilter(request, response);
        }
    }

    /**
     * Takes one request from the caller's budget and says whether it may go on; when not, the 429
     * has been written. Also used by filters that answer before this one's place in the chain.
     */
    public boolean admits(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return admits(clients.of(request), response);
    }

    /** As {@link #admits(HttpServletRequest, HttpServletResponse)}, for a caller known by {@link ClientIdentity}. */
    public boolean admits(String client, HttpServletResponse response) throws IOException {
        RateLimiter.Decision decision = limiter.tryAcquire(client);
        response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(Math.max(0, decision.remaining())));
        if (!decision.allowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests, retry in " + decision.retryAfterSeconds() + " s");
            return false;
        }
        return true;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
