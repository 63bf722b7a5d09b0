package dz.zst.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-user limits of API.md §7 on top of the global one: like and unlike calls, and comments,
 * each in any 60 s, counted whatever their outcome (a 409 double like is still a call). Runs after
 * authentication, so the budget is the user's on every node.
 */
public class ReelActionLimitFilter extends OncePerRequestFilter implements Ordered {

    private static final Pattern LIKE = Pattern.compile("/api/v1/reels/[^/]+/like/?");
    private static final Pattern COMMENT = Pattern.compile("/api/v1/reels/[^/]+/comments/?");

    private final SlidingWindowLimiter likes;
    private final SlidingWindowLimiter comments;
    private final ClientIdentity clients;
    private final ProblemWriter problems;

    public ReelActionLimitFilter(SlidingWindowLimiter likes, SlidingWindowLimiter comments, ClientIdentity clients,
                                 ProblemWriter problems) {
        this.likes = likes;
        this.comments = comments;
        this.clients = clients;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SlidingWindowLimiter limiter = limiterFor(request);
        if (limiter != null) {
            SlidingWindowLimiter.Decision decision = limiter.tryAcquire(clients.of(request));
            if (!decision.allowed()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
                problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many "
                        + (limiter == likes ? "likes" : "comments") + ", retry in " + decision.retryAfterSeconds()
                        + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private SlidingWindowLimiter limiterFor(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI();
        if (("POST".equals(method) || "DELETE".equals(method)) && LIKE.matcher(path).matches()) {
            return likes;
        }
        if ("POST".equals(method) && COMMENT.matcher(path).matches()) {
            return comments;
        }
        return null;
    }

    @Override
    public int getOrder() {
        return RateLimitFilter.ORDER + 1;
    }
}
