package dz.zst.domain.orders;

import dz.zst.domain.orders.OrderQueries.OrderViewer;
import java.util.UUID;

/**
 * Who may read an order (API.md §6): its buyer, its seller, an admin, or a guest holding the
 * order's access token. Everyone else is told the order does not exist.
 */
public final class OrderAccess {
    private OrderAccess() {
    }

    public static boolean canRead(OrderViewer viewer, UUID buyerId, UUID sellerId, String accessTokenHash) {
        if (viewer == null) {
            return false;
        }
        if (viewer.actor() != null) {
            UUID caller = viewer.actor().userId().value();
            if (viewer.actor().isAdmin() || caller.equals(sellerId) || caller.equals(buyerId)) {
                return true;
            }
        }
        return OrderAccessTokens.matches(viewer.accessToken(), accessTokenHash);
    }
}
