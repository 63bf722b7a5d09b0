package dz.zst.query.dashboard;

import dz.zst.domain.dashboard.AnalyticsPeriod;
import dz.zst.domain.dashboard.DashboardGenerations;
import dz.zst.domain.dashboard.DashboardQueries.FindSellerAnalyticsQuery;
import dz.zst.domain.dashboard.DashboardQueries.FindSellerStatsQuery;
import dz.zst.domain.dashboard.SellerAnalytics;
import dz.zst.domain.dashboard.SellerDays;
import dz.zst.domain.dashboard.SellerStats;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.UserId;
import dz.zst.query.shared.ReadModelCache;
import dz.zst.query.shared.ReadModelCache.Generations;
import dz.zst.query.shared.Reads;
import dz.zst.query.shared.RenderedBody;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The dashboard's two most read answers, the seller's figures and its days, rendered once per
 * seller, Africa/Algiers day and generation of the seller's rows ({@link DashboardGenerations}),
 * whichever path the request came by: the controller, or the signed-in shortcut in front of the
 * security chain, which reads the generations in the MGET that checks its caller. A seller
 * watching its dashboard while nothing sells reads the same bytes again; an order, a payment or a
 * view changes the seller's generation once its batch is committed, on any node.
 */
@Component
public class DashboardReads {

    private static final Logger log = LoggerFactory.getLogger(DashboardReads.class);

    /** What was read for one seller before its rows: the whole read model's and the seller's generations. */
    public record SellerGenerations(UserId seller, Generations read) {

        /** The values of the keys the caller asked for besides, in order. */
        public List<String> others() {
            return read.others().subList(1, read.others().size());
        }
    }

    private final Reads reads;
    private final ReadModelCache cache;
    private final Clock clock;

    public DashboardReads(Reads reads, ReadModelCache cache, Clock clock) {
        this.reads = reads;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * The generations of {@code seller}'s dashboard, read before anything else of a read as they
     * must be, with the values of {@code otherKeys} in the same MGET (the shortcut's caller generation).
     */
    public SellerGenerations generations(UserId seller, List<String> otherKeys) {
        List<String> others = new ArrayList<>(otherKeys.size() + 1);
        others.add(DashboardGenerations.seller(seller));
        others.addAll(otherKeys);
        return new SellerGenerations(seller, cache.generationsAt(List.of(DashboardGenerations.WHOLE), others));
    }

    /** The caller's figures, or the 403 ForbiddenException when it is not a seller. */
    public RenderedBody stats(Actor caller) {
        UserId seller = DashboardQueryHandler.sellerOf(caller);
        return read(seller, generationsOrNull(seller), "stats", () -> statsJson(caller));
    }

    /** As {@link #stats(Actor)}, the generations read by {@link #generations} for the caller. */
    public RenderedBody stats(Actor caller, SellerGenerations generations) {
        return read(DashboardQueryHandler.sellerOf(caller), generations, "stats", () -> statsJson(caller));
    }

    /** The caller's days of {@code period}, or the 403 ForbiddenException when it is not a seller. */
    public RenderedBody analytics(Actor caller, AnalyticsPeriod period) {
        UserId seller = DashboardQueryHandler.sellerOf(caller);
        return read(seller, generationsOrNull(seller), "analytics:" + period.wire(),
                () -> analyticsJson(caller, period));
    }

    /** As {@link #analytics(Actor, AnalyticsPeriod)}, the generations read by {@link #generations} for the caller. */
    public RenderedBody analytics(Actor caller, AnalyticsPeriod period, SellerGenerations generations) {
        return read(DashboardQueryHandler.sellerOf(caller), generations, "analytics:" + period.wire(),
                () -> analyticsJson(caller, period));
    }

    private byte[] statsJson(Actor caller) {
        return reads.render(reads.ask(new FindSellerStatsQuery(caller), SellerStats.class));
    }

    private byte[] analyticsJson(Actor caller, AnalyticsPeriod period) {
        return reads.render(reads.ask(new FindSellerAnalyticsQuery(caller, period), SellerAnalytics.class));
    }

    /** Null when Redis does not answer: the read then renders from the rows. */
    private SellerGenerations generationsOrNull(UserId seller) {
        try {
            return generations(seller, List.of());
        } catch (RuntimeException e) {
            log.debug("dashboard generations unavailable, rendering from the rows", e);
            return null;
        }
    }

    private RenderedBody read(UserId seller, SellerGenerations generations, String answer, Supplier<byte[]> loader) {
        if (generations == null) {
            return cache.uncached(loader);
        }
        if (!generations.seller().equals(seller)) {
            throw new IllegalArgumentException("generations read for " + generations.seller() + ", not " + seller);
        }
        // The day is part of the answer (this month's revenue, the period's last day), not of the rows' generation.
        LocalDate today = LocalDate.now(clock.withZone(SellerDays.ZONE));
        String key = "dashboard|" + answer + "|" + seller.value() + "|" + today;
        return cache.get(key, generations.read().sources(), DashboardGenerations.seller(seller),
                generations.read().others().get(0), loader);
    }
}
