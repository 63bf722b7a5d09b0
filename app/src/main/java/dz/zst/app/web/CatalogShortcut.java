package dz.zst.app.web;

import dz.zst.app.security.BearerSignIn;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Ids;
import dz.zst.query.catalog.ProductListRequest;
import dz.zst.query.catalog.ProductReads;
import dz.zst.query.shared.ReadModelCache.Generations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The catalog's busiest reads, the product list and product page, answered from the read-model
 * cache in front of the security chain and Spring MVC ({@link ReadShortcut}), for guests and for
 * signed-in callers alike, through the controller's {@link ProductReads} (per audience: sellers and
 * admins see their own catalog). The caller's generation is read in the catalog's MGET: as a
 * separate GET it was 5.6 % of a signed-in read's profile, about as much as the rest of a guest's
 * read costs beside the HTTP server.
 *
 * <p>Only query parameters that {@link ProductListRequest#fromQuery} reads exactly as Spring would
 * are taken here; a product page takes none. {@code zst.http.guest-shortcut=false} turns it off
 * (every read takes the full path), {@code zst.http.signed-in-shortcut=false} sends only signed-in
 * reads the full way, for comparing.
 */
@Component
@ConditionalOnProperty(name = "zst.http.guest-shortcut", havingValue = "true", matchIfMissing = true)
public class CatalogShortcut extends ReadShortcut {

    static final String LIST = "/api/v1/products";
    private static final String ONE = LIST + "/";
    private static final String ONE_PATTERN = LIST + "/{id}";
    private static final Pattern UUID = Pattern.compile(Ids.UUID_PATTERN);

    private final ProductReads products;
    private final boolean signedIn;
    private final Counter servedGuests;
    private final Counter servedSignedIn;

    public CatalogShortcut(ProductReads products, BearerSignIn signIn,
                           @Value("${zst.http.signed-in-shortcut:true}") boolean signedIn,
                           ObjectProvider<RateLimitFilter> rateLimit, MeterRegistry meters) {
        super(signIn, rateLimit);
        this.products = products;
        this.signedIn = signedIn;
        this.servedGuests = Counter.builder("zst.http.guest.catalog.shortcut")
                .description("Guest catalog reads answered in front of the security chain")
                .register(meters);
        this.servedSignedIn = Counter.builder("zst.http.signed-in.catalog.shortcut")
                .description("Signed-in catalog reads answered in front of the security chain, token verified here")
                .register(meters);
    }

    @Override
    protected boolean answers(HttpServletRequest request) {
        // Another kind of Authorization (not a bearer token) is found in answer, once, and left to the chain.
        return request.getRequestURI().startsWith(LIST)
                && (signedIn || request.getHeader(HttpHeaders.AUTHORIZATION) == null);
    }

    /** A list (query set) or one product (id set). */
    private record Read(String pattern, ProductListRequest query, String id) {
    }

    @Override
    protected Optional<Answer> answer(HttpServletRequest request) {
        Optional<Read> read = read(request, request.getRequestURI());
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Read r = read.get();
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            return Optional.of(new Answer(r.pattern(), null,
                    r.query() != null ? products.page(null, r.query()) : products.product(null, r.id())));
        }
        BearerSignIn.SignedIn verified = verifiedToken(request);
        if (verified == null) {
            return Optional.empty();
        }
        Generations generations = products.generations(List.of(verified.generationKey()));
        Actor caller = signIn.actor(verified, generations.others().get(0));
        return Optional.of(new Answer(r.pattern(), caller, r.query() != null
                ? products.page(caller, r.query(), generations) : products.product(caller, r.id(), generations)));
    }

    @Override
    protected void served(Answer answer) {
        (answer.caller() == null ? servedGuests : servedSignedIn).increment();
    }

    private static Optional<Read> read(HttpServletRequest request, String path) {
        if (path.equals(LIST)) {
            return ProductListRequest.fromQuery(request.getParameterMap()).map(query -> new Read(LIST, query, null));
        }
        String id = path.startsWith(ONE) ? path.substring(ONE.length()) : "";
        if (request.getQueryString() == null && UUID.matcher(id).matches()) {
            return Optional.of(new Read(ONE_PATTERN, null, id));
        }
        return Optional.empty();
    }
}
