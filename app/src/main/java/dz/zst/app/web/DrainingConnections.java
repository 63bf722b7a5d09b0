package dz.zst.app.web;

import dz.zst.app.ops.ShutdownDrain;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** While the node drains before stopping ({@link ShutdownDrain}), each answer closes its connection. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DrainingConnections extends OncePerRequestFilter {

    private final ShutdownDrain drain;

    public DrainingConnections(ShutdownDrain drain) {
        this.drain = drain;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (drain.draining()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        chain.doFilter(request, response);
    }
}
