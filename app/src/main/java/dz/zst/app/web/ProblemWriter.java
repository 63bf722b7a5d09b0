package dz.zst.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Writes an ApiError from places that run before Spring MVC (filters, security entry points). */
@Component
public class ProblemWriter {
    public static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper mapper;

    public ProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        write(response, ApiError.of(status, message));
    }

    public void write(HttpServletResponse response, ApiError error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(error.status());
        response.setContentType(PROBLEM_JSON);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), error);
    }

    /**
     * As ApiExceptionHandler answers the same error through Spring MVC (a ResponseEntity): its
     * content type, without a charset; framed with a Content-Length where Spring MVC, which
     * flushes, sends it chunked (one write instead of two). For an answer given in front of the
     * chain in the route's stead ({@link HopelessBidShortcut}).
     */
    public void writeAsRoute(HttpServletResponse response, ApiError error) throws IOException {
        byte[] json = mapper.writeValueAsBytes(error);
        response.setStatus(error.status());
        response.setContentType(PROBLEM_JSON);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
