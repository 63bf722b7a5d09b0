package dz.zst.app.web;

import dz.zst.app.security.BearerSignIn;
import dz.zst.domain.shared.Actor;
import dz.zst.query.shared.RenderedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A cached read answered in front of the security chain and Spring MVC ({@link Shortcut}). A
 * signed-in read cost 2.5 times a guest's (issue 24: bearer filter 10 %, Spring MVC 40 %, our
 * filters 9 % of its profile).
 *
 * <p>The answer is the controller's, byte for byte: both go through the same reads of the query
 * side, so the same cache key, generation check (never a stale read) and rendering. The caller's
 * own generation (whether the user changed: deactivated, new role) is read in the same Redis MGET
 * as the read's generations. Every refusal is left to the full path, which decides it again and
 * gives its usual 401 or 403, so no refusal is written twice.
 *
 * <p>It is taken only for a GET of a route the subclass answers, {@linkplain #plain plain}, with an
 * Accept that JSON satisfies. Any other request, and any read that fails (a bad parameter, a refused
 * token, a caller without the right, the database refusing), falls through to the full path, which
 * gives its usual answer and logging.
 */
public abstract class ReadShortcut extends Shortcut {

    private static final Logger log = LoggerFactory.getLogger(ReadShortcut.class);

    protected ReadShortcut(BearerSignIn signIn, ObjectProvider<RateLimitFilter> rateLimit) {
        super(signIn, rateLimit);
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
        return !"GET".equals(request.getMethod()) || !answers(request) || !plain(request)
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
        if (!admitted(request, response, answer.caller())) {
            return;
        }
        fullPathHeaders(request, response, answer.pattern());
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

    private static void write(HttpServletRequest request, HttpServletResponse response, RenderedBody body)
            throws IOException {
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
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
}
