package dz.zst.query.realtime;

import dz.zst.domain.orders.OrderId;
import dz.zst.domain.reels.ReelId;
import dz.zst.domain.shared.UserId;
import java.util.UUID;

/** The room names of API.md §11; events are emitted to these with {@link RealtimeBroadcaster}. */
public final class Rooms {
    private Rooms() {
    }

    /** Every socket signed in as this user. */
    public static String user(UserId userId) {
        return "user:" + userId;
    }

    /** Sockets watching a seller's dashboard: the seller's own (seller:subscribe). */
    public static String seller(UserId sellerId) {
        return "seller:" + sellerId;
    }

    /** Sockets that may read the order and asked for its updates (order:subscribe). */
    public static String order(OrderId orderId) {
        return "order:" + orderId;
    }

    /** Sockets watching a reel (reel:join). */
    public static String reel(ReelId reelId) {
        return "reel:" + reelId;
    }

    /** Sockets watching a B2B offer (b2b:join). */
    public static String offer(UUID offerId) {
        return "b2b:" + offerId;
    }
}
