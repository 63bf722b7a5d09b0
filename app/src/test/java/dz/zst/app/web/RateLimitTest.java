package dz.zst.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dz.zst.app.support.ApiTestBase;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The limiter against the application's real Redis (the test profile switches the global filter
 * off so other tests are never throttled; here limiters with small budgets are built on the same
 * bucket store).
 */
class RateLimitTest extends ApiTestBase {

    @Autowired
    private ProxyManager<byte[]> buckets;

    @Autowired
    private ProblemWriter problems;

    @Autowired
    private ObjectMapper mapper;

    @AfterEach
    void clearPrincipal() {
        SecurityContextHolder.clearContext();
    }

    private String prefix() {
        return "test:rate:" + UUID.randomUUID() + ":";
    }

    private static MockHttpServletResponse call(RateLimitFilter filter, String ip, String forwardedFor) throws Exception {
        return call(false, filter, ip, forwardedFor);
    }

    /** Through the filter that reads the client's address from our proxy's header when trusted, as in the app. */
    private static MockHttpServletResponse call(boolean trustForwardedFor, RateLimitFilter filter, String ip,
                                                String forwardedFor) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/products");
        request.setRemoteAddr(ip);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
            }
        }, new ForwardedClientAddress(trustForwardedFor), filter).doFilter(request, response);
        return response;
    }

    @Test
    void refusesBeyondTheBudgetWithRetryAfterInTheErrorShape() throws Exception {
        try (RateLimiter limiter = new RateLimiter(buckets, 3, prefix())) {
            RateLimitFilter filter = new RateLimitFilter(limiter, new ClientIdentity(), problems);
            for (int i = 0; i < 3; i++) {
                assertThat(call(filter, "10.0.0.1", null).getStatus()).isEqualTo(200);
            }
            MockHttpServletResponse refused = call(filter, "10.0.0.1", null);

            assertThat(refused.getStatus()).isEqualTo(429);
            assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            JsonNode body = mapper.readTree(refused.getContentAsString());
            assertThat(body.get("statusCode").asInt()).isEqualTo(429);
            assertThat(body.get("status").asInt()).isEqualTo(429);
            assertThat(body.get("error").asText()).isEqualTo("Too Many Requests");
            assertThat(body.get("message").asText()).startsWith("Too many requests");
            assertThat(call(filter, "10.0.0.2", null).getStatus()).isEqualTo(200);
        }
    }

    @Test
    void anAuthenticatedUserIsCountedByUserIdWhateverItsAddress() throws Exception {
        try (RateLimiter limiter = new RateLimiter(buckets, 2, prefix())) {
            RateLimitFilter filter = new RateLimitFilter(limiter, new ClientIdentity(), problems);
            Actor actor = new Actor(new UserId(UUID.randomUUID()), Role.CUSTOMER, null);
            SecurityContextHolder.getContext().setAuthentication(
                    new UsernamePasswordAuthenticationToken(actor, null, List.of()));
            assertThat(call(filter, "10.0.1.1", null).getStatus()).isEqualTo(200);
            assertThat(call(filter, "10.0.1.2", null).getStatus()).isEqualTo(200);
            assertThat(call(filter, "10.0.1.3", null).getStatus()).isEqualTo(429);
        }
    }

    @Test
    void forwardedForCountsOnlyWhenTrusted() throws Exception {
        try (RateLimiter limiter = new RateLimiter(buckets, 1, prefix())) {
            RateLimitFilter untrusted = new RateLimitFilter(limiter, new ClientIdentity(), problems);
            assertThat(call(untrusted, "10.0.2.1", "1.1.1.1").getStatus()).isEqualTo(200);
            assertThat(call(untrusted, "10.0.2.1", "2.2.2.2").getStatus()).isEqualTo(429);

            RateLimitFilter filter = new RateLimitFilter(limiter, new ClientIdentity(), problems);
            assertThat(call(true, filter, "10.0.2.9", "9.9.9.9, 3.3.3.3").getStatus()).isEqualTo(200);
            assertThat(call(true, filter, "10.0.2.9", "8.8.8.8, 4.4.4.4").getStatus()).isEqualTo(200);
            assertThat(call(true, filter, "10.0.2.9", "7.7.7.7, 3.3.3.3").getStatus()).isEqualTo(429);
        }
    }

    @Test
    void nodesShareOneBudgetThroughRedis() {
        String prefix = prefix();
        try (RateLimiter nodeA = new RateLimiter(buckets, 10, prefix);
             RateLimiter nodeB = new RateLimiter(buckets, 10, prefix)) {
            int allowedOnA = 0;
            for (int i = 0; i < 12; i++) {
                allowedOnA += nodeA.tryAcquire("ip:10.0.3.1").allowed() ? 1 : 0;
            }
            int allowedOnB = 0;
            for (int i = 0; i < 10; i++) {
                allowedOnB += nodeB.tryAcquire("ip:10.0.3.1").allowed() ? 1 : 0;
            }
            assertThat(allowedOnA).isEqualTo(10);
            // Node A may hold back at most one unsynchronised token at this budget (limit/50, at least 1).
            assertThat(allowedOnB).isLessThanOrEqualTo(1);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenRedisFailsEachNodeKeepsLimitingOnItsOwnWithoutWaitingOnRedis() {
        ProxyManager<byte[]> failing = mock(ProxyManager.class, RETURNS_DEEP_STUBS);
        BucketProxy unreachable = mock(BucketProxy.class);
        when(unreachable.tryConsumeAndReturnRemaining(1)).thenThrow(new IllegalStateException("Redis is down"));
        when(failing.builder().withOptimization(any()).build(any(byte[].class), any(Supplier.class)))
                .thenReturn(unreachable);
        try (RateLimiter limiter = new RateLimiter(failing, 2, prefix())) {
            assertThat(limiter.tryAcquire("ip:10.0.5.1").allowed()).isTrue();
            assertThat(limiter.tryAcquire("ip:10.0.5.1").allowed()).isTrue();
            RateLimiter.Decision refused = limiter.tryAcquire("ip:10.0.5.1");
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.retryAfterSeconds()).isPositive();
        }
        verify(unreachable, times(1)).tryConsumeAndReturnRemaining(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRedisClientThatCannotEvenConnectDoesNotFailRequests() {
        ProxyManager<byte[]> unconnected = mock(ProxyManager.class);
        when(unconnected.builder()).thenThrow(new IllegalStateException("cannot connect to Redis"));
        try (RateLimiter limiter = new RateLimiter(unconnected, 1, prefix())) {
            assertThat(limiter.tryAcquire("ip:10.0.6.1").allowed()).isTrue();
            assertThat(limiter.tryAcquire("ip:10.0.6.1").allowed()).isFalse();
        }
    }

    @Test
    void decidesFarFasterThanTheTargetRequestRate() throws Exception {
        try (RateLimiter limiter = new RateLimiter(buckets, 10_000_000, prefix())) {
            int perThread = 50_000;
            AtomicInteger allowed = new AtomicInteger();
            Runnable work = () -> {
                for (int i = 0; i < perThread; i++) {
                    if (limiter.tryAcquire("ip:10.0.4." + (i % 50)).allowed()) {
                        allowed.incrementAndGet();
                    }
                }
            };
            limiter.tryAcquire("ip:warm-up");
            long start = System.nanoTime();
            Thread first = new Thread(work);
            Thread second = new Thread(work);
            first.start();
            second.start();
            first.join();
            second.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = 2 * perThread / seconds;
            System.out.printf("rate limiter: %.0f decisions/s over %d clients%n", perSecond, 50);
            assertThat(allowed.get()).isEqualTo(2 * perThread);
            assertThat(perSecond).isGreaterThan(4_500 * 4);
        }
    }
}
