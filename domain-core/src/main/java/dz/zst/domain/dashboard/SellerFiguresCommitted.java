package dz.zst.domain.dashboard;

import dz.zst.domain.shared.UserId;
import java.util.Set;

/**
 * Told, on the node that folded them, each time the dashboard group has committed a batch that
 * changed sellers' figures (never while the group replays: a rebuild passes through every past
 * state). What the figures now are is read from the read model.
 */
@FunctionalInterface
public interface SellerFiguresCommitted {

    void committed(Set<UserId> sellers);
}
