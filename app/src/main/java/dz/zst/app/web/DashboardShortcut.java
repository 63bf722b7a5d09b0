package dz.zst.app.web;

import dz.zst.app.security.BearerSignIn;
import dz.zst.domain.dashboard.AnalyticsPeriod;
import dz.zst.domain.shared.Actor;
import dz.zst.query.dashboard.DashboardReads;
import dz.zst.query.dashboard.DashboardReads.SellerGenerations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A seller's dashboard figures and days ({@code GET /seller/stats}, {@code /seller/analytics}), the
 * reads a seller's app repeats while the dashboard is open, answered in front of the security chain
 * ({@link ReadShortcut}) through the controller's {@link DashboardReads}. One MGET reads the
 * seller's dashboard generations and the caller's own. Anyone but a seller, a token that does not
 * verify, a deactivated user, a query other than one valid {@code period}: the full path, which
 * gives its 401, 403 or 400. {@code zst.http.signed-in-shortcut=false} turns it off.
 */
@Component
@ConditionalOnProperty(name = "zst.http.signed-in-shortcut", havingValue = "true", matchIfMissing = true)
public class DashboardShortcut extends ReadShortcut {

    static final String STATS = "/api/v1/seller/stats";
    static final String ANALYTICS = "/api/v1/seller/analytics";
    /** The controller's default period. */
    private static final String DEFAULT_PERIOD = "30d";

    private final DashboardReads dashboards;
    private final Counter served;

    public DashboardShortcut(DashboardReads dashboards, BearerSignIn signIn,
                             ObjectProvider<RateLimitFilter> rateLimit, MeterRegistry meters) {
        super(signIn, rateLimit);
        this.dashboards = dashboards;
        this.served = Counter.builder("zst.http.signed-in.dashboard.shortcut")
                .description("Seller dashboard reads answered in front of the security chain, token verified here")
                .register(meters);
    }

    @Override
    protected boolean answers(HttpServletRequest request) {
        String path = request.getRequestURI();
        return STATS.equals(path) || ANALYTICS.equals(path);
    }

    @Override
    protected Optional<Answer> answer(HttpServletRequest request) {
        boolean stats = STATS.equals(request.getRequestURI());
        Optional<AnalyticsPeriod> period = stats ? Optional.empty() : period(request.getParameterMap());
        if (stats ? request.getQueryString() != null : period.isEmpty()) {
            return Optional.empty();
        }
        BearerSignIn.SignedIn verified = verifiedToken(request);
        if (verified == null) {
            return Optional.empty();
        }
        SellerGenerations generations = dashboards.generations(verified.userId(), List.of(verified.generationKey()));
        Actor caller = signIn.actor(verified, generations.others().get(0));
        if (!caller.isSeller()) {
            return Optional.empty();
        }
        return Optional.of(stats
                ? new Answer(STATS, caller, dashboards.stats(caller, generations))
                : new Answer(ANALYTICS, caller, dashboards.analytics(caller, period.get(), generations)));
    }

    /** The period as the controller reads it, when the query holds nothing else (none: its default). */
    private static Optional<AnalyticsPeriod> period(Map<String, String[]> query) {
        if (query.isEmpty()) {
            return Optional.of(AnalyticsPeriod.fromWire(DEFAULT_PERIOD));
        }
        String[] values = query.get("period");
        if (query.size() != 1 || values == null || values.length != 1 || values[0].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AnalyticsPeriod.fromWire(values[0]));
    }

    @Override
    protected void served(Answer answer) {
        served.increment();
    }
}
