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

    /** The whole read model's generation, bumped by a replay's reset. */
    private static final List<String> SOURCES = List.of(DashboardGenerations.WHOLE);

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
        return new SellerGenerations(seller, cache.generationsAt(SOURCES, others));
    }

    /** The caller's figures, or the 403 ForbiddenException when it is not a seller. */
    public RenderedBody stats(Actor caller) {
        UserId seller = DashboardQueryHandler.sellerOf(caller);
        return cache.get(key(seller, "stats"), SOURCES, DashboardGenerations.seller(seller), () -> statsJson(caller));
    }

    /** As {@link #stats(Actor)}, the generations read by {@link #generations} for the caller. */
    public RenderedBody stats(Actor caller, SellerGenerations generations) {
        return read(DashboardQueryHandler.sellerOf(caller), generations, "stats", () -> statsJson(caller));
    }

    /** The caller's days of {@code period}, or the 403 ForbiddenException when it is not a seller. */
    public RenderedBody analytics(Actor caller, AnalyticsPeriod period) {
        UserId seller = DashboardQueryHandler.sellerOf(caller);
        return cache.get(key(seller, "analytics:" + period.wire()), SOURCES, DashboardGenerations.seller(seller),
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

    private RenderedBody read(UserId seller, SellerGenerations generations, String answer, Supplier<byte[]> loader) {
        if (!generations.seller().equals(seller)) {
            throw new IllegalArgumentException("generations read for " + generations.seller() + ", not " + seller);
        }
        return cache.get(key(seller, answer), generations.read().sources(), DashboardGenerations.seller(seller),
                generations.read().others().get(0), loader);
    }

    /** The day is part of the answer (this month's revenue, the period's last day), not of the rows' generation. */
    private String key(UserId seller, String answer) {
        return "dashboard|" + answer + "|" + seller.value() + "|" + LocalDate.now(clock.withZone(SellerDays.ZONE));
    }
}
