package dz.zst.app.web;

import dz.zst.app.infra.TransientFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A failure of the database or Redis thrown before Spring MVC (the security chain looking a
 * signed-in user up) is answered here, 503 with Retry-After in the contract's shape, with one
 * warning line. Left to the container, each was logged at error level with its whole stack (208
 * of them in the fault suite's 10 s without PostgreSQL) before the error page answered the same.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class TransientFailureAnswers extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(TransientFailureAnswers.class);

    private final ProblemWriter problems;

    public TransientFailureAnswers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            if (!TransientFailures.transientFailure(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("answered {} {} with 503: {}", request.getMethod(), request.getRequestURI(),
                    NestedExceptionUtils.getMostSpecificCause(failure).toString());
            ResponseEntity<ApiError> unavailable = ApiExceptionHandler.unavailable();
            response.setHeader(HttpHeaders.RETRY_AFTER, unavailable.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
            problems.write(response, unavailable.getBody());
        }
    }
}
