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
 * API.md §13: at most {@code zst.messages.per-minute} (30) messages a user sends in any 60 s, the
 * first message of a conversation included, counted whatever their outcome, on every node. Runs
 * after authentication like the reels' limits.
 */
public class MessageLimitFilter extends OncePerRequestFilter implements Ordered {

    private static final Pattern MESSAGE = Pattern.compile("/api/v1/conversations(/[^/]+/messages)?/?");

    private final SlidingWindowLimiter messages;
    private final ClientIdentity clients;
    private final ProblemWriter problems;

    public MessageLimitFilter(SlidingWindowLimiter messages, ClientIdentity clients, ProblemWriter problems) {
        this.messages = messages;
        this.clients = clients;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && MESSAGE.matcher(request.getRequestURI()).matches()) {
            SlidingWindowLimiter.Decision decision = messages.tryAcquire(clients.of(request));
            if (!decision.allowed()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
                problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many messages, retry in "
                        + decision.retryAfterSeconds() + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    @Override
    public int getOrder() {
        return RateLimitFilter.ORDER + 1;
    }
}
