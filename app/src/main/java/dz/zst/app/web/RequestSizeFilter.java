package dz.zst.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Multipart bodies have their own limits (spring.servlet.multipart); every other body (JSON, a
 * base64 image in JSON) is refused with 413 from its declared length before anything reads it, so
 * a huge JSON document can't be buffered into memory. Presigned uploads to local storage
 * ({@code PUT /media-upload/**}) are exempt: they stream to disk and their URL's signature fixes
 * their exact size, up to the 100 MB of a reel video.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class RequestSizeFilter extends OncePerRequestFilter {

    private static final String SIGNED_UPLOADS = "/media-upload/";

    private final long maxBytes;
    private final ProblemWriter problems;

    public RequestSizeFilter(@Value("${zst.max-body-size:16MB}") DataSize maxBodySize, ProblemWriter problems) {
        this.maxBytes = maxBodySize.toBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(SIGNED_UPLOADS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        boolean multipart = type != null && type.toLowerCase().startsWith("multipart/");
        if (!multipart && request.getContentLengthLong() > maxBytes) {
            problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large");
            return;
        }
        chain.doFilter(request, response);
    }
}
