package dz.zst.app.web;

import dz.zst.app.security.BearerSignIn;
import dz.zst.command.b2b.HopelessBids;
import dz.zst.domain.b2b.B2BCommands.RespondToB2BOfferCommand;
import dz.zst.domain.b2b.B2BOfferId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.DomainException;
import dz.zst.domain.shared.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * A bid that cannot beat the leading bid this node knows of, refused in front of the security chain
 * and Spring MVC ({@link Shortcut}) with the bid route's own 400 ({@link HopelessBids}). On a hot
 * auction nearly every bid is one (issue 20's bench: 200 bidders, about 1,070 refusals for 6
 * accepted bids a second), and the route's refusal cost 1.3 ms of CPU, almost all of it the
 * authenticated request around a decision that takes microseconds.
 *
 * <p>Taken only for {@code POST /api/v1/b2b/offers/{id}/respond} with a well-formed id, no query,
 * {@linkplain #plain plain} headers, a JSON body (UTF-8) of a known length under {@link #MAX_BODY},
 * on an offer this node learned within the last second, from a bearer token that verifies and signs
 * in an active user (as found current within that second: a deactivation or a new tier reaches
 * these refusals within it). Everything else, and every bid that is not a certain refusal, goes the full
 * path with the body as it came; so does a refusal for any other reason (a 401, a 403, a 404, a
 * validation error), which the full path decides again and words itself. A bid that may still win
 * waits for its {@linkplain HopelessBids#turn turn} on the offer, is judged again, and goes the
 * full path only if it still may.
 * {@code zst.http.bid-shortcut=false} turns it off.
 */
@Component
@ConditionalOnProperty(name = "zst.http.bid-shortcut", havingValue = "true", matchIfMissing = true)
public class HopelessBidShortcut extends Shortcut {

    private static final Logger log = LoggerFactory.getLogger(HopelessBidShortcut.class);

    static final String PATTERN = "/api/v1/b2b/offers/{id}/respond";
    private static final String PREFIX = "/api/v1/b2b/offers/";
    private static final String SUFFIX = "/respond";
    private static final Pattern UUID = Pattern.compile(Ids.UUID_PATTERN);
    /** A bid's body is under 200 bytes; a longer one (a negotiation's message) is the route's. */
    static final int MAX_BODY = 2048;

    private final HopelessBids bids;
    private final ProblemWriter problems;
    private final Counter refused;

    public HopelessBidShortcut(HopelessBids bids, BearerSignIn signIn, ProblemWriter problems,
                               ObjectProvider<RateLimitFilter> rateLimit, MeterRegistry meters) {
        super(signIn, rateLimit);
        this.bids = bids;
        this.problems = problems;
        this.refused = Counter.builder("zst.http.b2b.hopeless-bid.shortcut")
                .description("Bids that cannot win, refused in front of the security chain, token verified here")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        long length = request.getContentLengthLong();
        return !"POST".equals(request.getMethod()) || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                || request.getQueryString() != null || !plain(request) || length < 0 || length > MAX_BODY
                || !utf8Json(request.getContentType());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IdempotencyFilter.CachedBodyRequest body = new IdempotencyFilter.CachedBodyRequest(request);
        Optional<Bid> judged = judgeableOrNone(body);
        if (judged.isEmpty()) {
            chain.doFilter(body, response);
            return;
        }
        Bid bid = judged.get();
        if (refused(request, response, bid)) {
            return;
        }
        try (HopelessBids.Turn turn = bids.turn(bid.command().offerId())) {
            if (!refused(request, response, bid)) {
                chain.doFilter(body, response);
            }
        }
    }

    /** A bid the floor judges, and who sent it. */
    private record Bid(Actor bidder, RespondToB2BOfferCommand command) {
    }

    private Optional<Bid> judgeableOrNone(IdempotencyFilter.CachedBodyRequest request) {
        try {
            return judgeable(request);
        } catch (IOException | RuntimeException fullPathAnswers) {
            // A token refused, a deactivated user, the users read model unavailable: the full path
            // has the answer (a 401, a 403, a 503, the error shape) and the logging for each.
            log.debug("bid on {} left to the full path", request.getRequestURI(), fullPathAnswers);
            return Optional.empty();
        }
    }

    private Optional<Bid> judgeable(IdempotencyFilter.CachedBodyRequest request) throws IOException {
        String path = request.getRequestURI();
        String id = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        if (!UUID.matcher(id).matches()) {
            return Optional.empty();
        }
        B2BOfferId offerId = B2BOfferId.of(id);
        if (!bids.mayJudge(offerId)) {
            return Optional.empty();
        }
        byte[] body = request.body();
        BearerSignIn.SignedIn verified = verifiedToken(request);
        if (verified == null) {
            return Optional.empty();
        }
        // The bidder as found current within the second the floor's facts may be old: a refusal
        // changes nothing, and reading the user's generation from Redis was a sixth of its cost.
        Actor bidder = signIn.recentActor(verified, HopelessBids.FRESH_FOR);
        return bids.judgeable(offerId, body, bidder).map(command -> new Bid(bidder, command));
    }

    /** Answers the route's refusal of the bid if it is refused as things stand; says whether it was. */
    private boolean refused(HttpServletRequest request, HttpServletResponse response, Bid bid) throws IOException {
        Optional<DomainException> refusal = bids.refusal(bid.command());
        if (refusal.isEmpty()) {
            return false;
        }
        if (admitted(request, response, bid.bidder())) {
            fullPathHeaders(request, response, PATTERN);
            problems.writeAsRoute(response, ApiError.of(HttpStatus.BAD_REQUEST, refusal.get().getMessage()));
            refused.increment();
        }
        return true;
    }

    /** JSON as the route reads it: {@code application/json}, its charset absent or UTF-8. */
    private static boolean utf8Json(String contentType) {
        if (contentType == null) {
            return false;
        }
        if (MediaType.APPLICATION_JSON_VALUE.equalsIgnoreCase(contentType)) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) && type.getParameters().size() == 1
                    && StandardCharsets.UTF_8.equals(type.getCharset());
        } catch (IllegalArgumentException notAType) {
            return false;
        }
    }
}
