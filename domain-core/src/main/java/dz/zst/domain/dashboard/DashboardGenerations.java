package dz.zst.domain.dashboard;

import dz.zst.domain.shared.UserId;

/**
 * Where the dashboard read model's generations live in Redis, for the caches of its rendered
 * answers ({@code ReadModelCache}): one per seller, given a new value after each committed batch
 * that wrote the seller's rows (a row generation: a value never used before, kept an hour), and one
 * counter for the whole read model, bumped when a replay empties it. The dashboard is not a
 * {@link dz.zst.domain.shared.ReadModel}: no write waits for it, so it keeps no positions.
 */
public final class DashboardGenerations {

    /** Bumped when the read model is emptied for a replay. */
    public static final String WHOLE = "rm:gen:dashboard";

    private DashboardGenerations() {
    }

    /** The seller's own generation; absent until its rows are first written, and again an hour after their last change. */
    public static String seller(UserId sellerId) {
        return WHOLE + ":" + sellerId.value();
    }
}
