package dz.zst.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Idempotency-Key on POST (API.md §1): the same key from the same caller on the same route within
 * 24 h gets the first response again (status, body, content type) and nothing runs twice. A repeat
 * while the first is still running is 409; the same key with a different body is 409 too (the
 * contract never answers 422). 2xx and 4xx are final and recorded; a 5xx releases the key so the
 * client can retry. Runs after Spring Security so the caller is the authenticated user when there
 * is one. A guest is the device its app names in X-Device-Id, without which its key is not replayed: scoped by
 * network address, a guest behind the same carrier NAT sending the same key and body was replayed
 * the first guest's response, a checkout's order access token included. A device id is something
 * only that guest's app has, and it survives the change of network a retry after a timeout may
 * come from. When Redis is unreachable the request runs without the guarantee rather than failing,
 * and for a few seconds later requests don't wait on Redis either.
 */
@Component
@Order(RateLimitFilter.ORDER + 10)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final String DEVICE_HEADER = "X-Device-Id";
    public static final String KEY_ATTRIBUTE = IdempotencyFilter.class.getName() + ".key";
    /** A guest's device id as a reel view takes it (ReelRequests.View): too short to guess, short enough to keep. */
    private static final int DEVICE_ID_MIN = 8;
    private static final int DEVICE_ID_MAX = 128;
    private static final String PENDING_ATTRIBUTE = IdempotencyFilter.class.getName() + ".pending";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final long STORE_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final IdempotencyStore store;
    private final ClientIdentity clients;
    private final ProblemWriter problems;
    private volatile long storeRetryAt = System.nanoTime();

    public IdempotencyFilter(IdempotencyStore store, ClientIdentity clients, ProblemWriter problems) {
        this.store = store;
        this.clients = clients;
        this.problems = problems;
    }

    /** The first request under a key, until its response is known. */
    private record Pending(String storeKey, String fingerprint) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null;
    }

    /** A controller answering with a future completes in an async dispatch: the response is recorded there. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            Pending pending = (Pending) request.getAttribute(PENDING_ATTRIBUTE);
            ContentCachingResponseWrapper recorded = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
            if (pending == null || recorded == null) {
                chain.doFilter(request, response);
            } else {
                proceed(request, recorded, chain, pending);
            }
            return;
        }
        String key = request.getHeader(HEADER).trim();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            problems.write(response, HttpStatus.BAD_REQUEST, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
            return;
        }
        request.setAttribute(KEY_ATTRIBUTE, key);
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> caller = clients.user().or(() -> device(request));
        if (caller.isEmpty() && request.getHeader(DEVICE_HEADER) != null) {
            problems.write(response, HttpStatus.BAD_REQUEST, DEVICE_HEADER + " must be " + DEVICE_ID_MIN + " to "
                    + DEVICE_ID_MAX + " characters, the same on every retry");
            return;
        }
        if (caller.isEmpty()) {
            // A guest naming no device: nothing tells this guest from another behind the same address,
            // so nothing is replayed to it (the app of before X-Device-Id keeps working; a checkout it
            // repeats is refused by the checkout's own name, 409, and never placed twice).
            chain.doFilter(request, response);
            return;
        }
        CachedBodyRequest cached = new CachedBodyRequest(request);
        String storeKey = "zst:idem:" + sha256(caller.get() + '\n' + request.getMethod() + '\n'
                + request.getRequestURI() + '\n' + key);
        String fingerprint = fingerprint(cached);
        if (System.nanoTime() - storeRetryAt < 0) {
            chain.doFilter(cached, response);
            return;
        }
        Optional<IdempotencyStore.Entry> existing;
        try {
            existing = store.claimOrGet(storeKey, fingerprint);
        } catch (RuntimeException e) {
            storeRetryAt = System.nanoTime() + STORE_BACKOFF_NANOS;
            log.warn("idempotency store unavailable, running requests without it for now: {}", e.toString());
            chain.doFilter(cached, response);
            return;
        }
        if (existing.isPresent()) {
            answerRepeat(existing.get(), fingerprint, response);
            return;
        }
        Pending pending = new Pending(storeKey, fingerprint);
        cached.setAttribute(PENDING_ATTRIBUTE, pending);
        proceed(cached, new ContentCachingResponseWrapper(response), chain, pending);
    }

    private static Optional<String> device(HttpServletRequest request) {
        String device = request.getHeader(DEVICE_HEADER);
        if (device == null) {
            return Optional.empty();
        }
        device = device.strip();
        return device.length() < DEVICE_ID_MIN || device.length() > DEVICE_ID_MAX
                ? Optional.empty() : Optional.of("device:" + device);
    }

    private void answerRepeat(IdempotencyStore.Entry entry, String fingerprint, HttpServletResponse response)
            throws IOException {
        if (!entry.fingerprint().equals(fingerprint)) {
            problems.write(response, HttpStatus.CONFLICT,
                    HEADER + " was already used with a different request body; use a new key for a new request");
        } else if (entry.inProgress()) {
            problems.write(response, HttpStatus.CONFLICT,
                    "A request with this " + HEADER + " is still being processed; retry shortly");
        } else {
            response.setStatus(entry.status());
            if (entry.contentType() != null) {
                response.setContentType(entry.contentType());
            }
            if (entry.location() != null) {
                response.setHeader(HttpHeaders.LOCATION, entry.location());
            }
            response.setHeader(REPLAYED_HEADER, "true");
            byte[] body = entry.body() == null ? new byte[0] : entry.body();
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private void proceed(HttpServletRequest request, ContentCachingResponseWrapper recorded, FilterChain chain,
                         Pending pending) throws IOException, ServletException {
        try {
            chain.doFilter(request, recorded);
        } catch (IOException | ServletException | RuntimeException e) {
            releaseQuietly(pending.storeKey());
            throw e;
        }
        if (isAsyncStarted(request)) {
            return;
        }
        int status = recorded.getStatus();
        if ((status >= 200 && status < 300) || (status >= 400 && status < 500)) {
            try {
                store.record(pending.storeKey(), new IdempotencyStore.Entry(pending.fingerprint(), status,
                        recorded.getContentType(), recorded.getHeader(HttpHeaders.LOCATION),
                        recorded.getContentAsByteArray()));
            } catch (RuntimeException e) {
                log.warn("could not record the response of an idempotent request: {}", e.toString());
                releaseQuietly(pending.storeKey());
            }
        } else {
            releaseQuietly(pending.storeKey());
        }
        recorded.copyBodyToResponse();
    }

    private void releaseQuietly(String storeKey) {
        try {
            store.release(storeKey);
        } catch (RuntimeException e) {
            log.warn("could not release an idempotency key: {}", e.toString());
        }
    }

    /**
     * Multipart uploads are not buffered to be hashed (they can be large); their declared length and
     * type stand in for the body.
     */
    private static String fingerprint(CachedBodyRequest request) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType();
        if (type.toLowerCase().startsWith("multipart/")) {
            return sha256(type + '\n' + request.getContentLengthLong());
        }
        return sha256(request.body());
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the body once so it can be hashed and then handed to the controller. */
    static final class CachedBodyRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
        private byte[] body;

        CachedBodyRequest(HttpServletRequest request) {
            super(request);
        }

        byte[] body() throws IOException {
            if (body == null) {
                body = StreamUtils.copyToByteArray(super.getInputStream());
            }
            return body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() throws IOException {
            String type = getContentType();
            if (type != null && type.toLowerCase().startsWith("multipart/")) {
                return super.getInputStream();
            }
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body());
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }
}
