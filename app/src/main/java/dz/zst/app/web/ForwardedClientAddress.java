package dz.zst.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Behind the platform's own proxy (nginx in production, {@code TRUST_FORWARDED_FOR=true}) every
 * request's socket comes from the proxy: what the client's address is used for (rate limits and
 * idempotency of guests, a guest's reel view without a device id) would count every guest as one.
 * The request's remote address is then the last X-Forwarded-For entry, the one the proxy appended;
 * every entry before it is whatever the client chose to send. First of all filters, so every later
 * one, and the controllers, read the same address. Not Tomcat's RemoteIpValve (Spring's
 * server.forward-headers-strategy=native): it takes the first untrusted entry from the right, and
 * trusts private ranges by default, which a client behind the same private network could spoof.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ForwardedClientAddress extends OncePerRequestFilter {

    private final boolean trustForwardedFor;

    public ForwardedClientAddress(@Value("${zst.trust-forwarded-for:false}") boolean trustForwardedFor) {
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = trustForwardedFor ? lastHop(request.getHeader("X-Forwarded-For")) : null;
        if (client == null) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        }, response);
    }

    private static String lastHop(String forwarded) {
        if (forwarded == null || forwarded.isBlank()) {
            return null;
        }
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        return last.isEmpty() ? null : last;
    }
}
