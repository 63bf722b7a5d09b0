package dz.zst.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Redis outages: keyed requests still run, and don't wait on Redis again right away. */
class IdempotencyFilterTest {

    @Test
    void runsRequestsWithoutTheStoreWhileRedisIsDown() throws Exception {
        IdempotencyStore store = mock(IdempotencyStore.class);
        when(store.claimOrGet(anyString(), anyString())).thenThrow(new RedisConnectionFailureException("down"));
        IdempotencyFilter filter = new IdempotencyFilter(store, new ClientIdentity(),
                new ProblemWriter(new ObjectMapper()));
        AtomicInteger executed = new AtomicInteger();

        for (int i = 0; i < 3; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
            request.addHeader(IdempotencyFilter.HEADER, "key-1");
            request.addHeader(IdempotencyFilter.DEVICE_HEADER, "device-of-a-guest");
            request.setContentType("application/json");
            request.setContent("{}".getBytes());
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, (req, res) -> {
                executed.incrementAndGet();
                ((MockHttpServletResponse) res).setStatus(201);
            });
            assertThat(response.getStatus()).isEqualTo(201);
            assertThat(request.getAttribute(IdempotencyFilter.KEY_ATTRIBUTE)).isEqualTo("key-1");
        }

        assertThat(executed).hasValue(3);
        verify(store, times(1)).claimOrGet(anyString(), anyString());
    }

    @Test
    void anOversizedKeyIsABadRequest() throws Exception {
        IdempotencyFilter filter = new IdempotencyFilter(mock(IdempotencyStore.class), new ClientIdentity(),
                new ProblemWriter(new ObjectMapper()));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
        request.addHeader(IdempotencyFilter.HEADER, "k".repeat(256));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(201));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"statusCode\":400");
    }

    @Test
    void aGuestKeyWithAMalformedDeviceIdIsABadRequestAndRunsNothing() throws Exception {
        IdempotencyStore store = mock(IdempotencyStore.class);
        IdempotencyFilter filter = new IdempotencyFilter(store, new ClientIdentity(),
                new ProblemWriter(new ObjectMapper()));
        for (String device : new String[] {"short", "  x  ", "d".repeat(129)}) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
            request.addHeader(IdempotencyFilter.HEADER, "key-1");
            request.addHeader(IdempotencyFilter.DEVICE_HEADER, device);
            MockHttpServletResponse response = new MockHttpServletResponse();

            filter.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(201));

            assertThat(response.getStatus()).as(String.valueOf(device)).isEqualTo(400);
            assertThat(response.getContentAsString()).contains(IdempotencyFilter.DEVICE_HEADER);
        }
        verify(store, times(0)).claimOrGet(anyString(), anyString());
    }

    @Test
    void aGuestKeyWithoutADeviceIdRunsWithoutBeingRecordedOrReplayed() throws Exception {
        IdempotencyStore store = mock(IdempotencyStore.class);
        IdempotencyFilter filter = new IdempotencyFilter(store, new ClientIdentity(),
                new ProblemWriter(new ObjectMapper()));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
        request.addHeader(IdempotencyFilter.HEADER, "key-1");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(201));

        assertThat(response.getStatus()).isEqualTo(201);
        verify(store, times(0)).claimOrGet(anyString(), anyString());
    }
}
