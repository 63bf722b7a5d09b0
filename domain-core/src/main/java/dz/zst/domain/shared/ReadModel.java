package dz.zst.domain.shared;

/**
 * The read models a write may have to wait for before it answers (read-your-writes). Each is fed
 * by one processing group and keyed by the id of the aggregate whose events it folds; its table
 * records, per aggregate, the event-store position of the newest event folded.
 */
public enum ReadModel {
    PRODUCTS("products", "products"),
    USERS("users", "users"),
    ORDERS("orders", "orders"),
    CARTS("carts", "carts"),
    REELS("reels", "reels"),
    /** Keyed by like stream ({@link dz.zst.domain.reels.ReelLikeId}); folded with the reel's like count. */
    REEL_LIKES("reels", "reel_likes"),
    /** Keyed by comment; folded with the reel's comment count. */
    REEL_COMMENTS("reels", "reel_comments"),
    /** Keyed by view stream ({@link dz.zst.domain.reels.ReelViewerId}); folded with the reel's view count. */
    REEL_VIEWS("reels", "reel_viewers");

    private final String processingGroup;
    private final String positionTable;

    ReadModel(String processingGroup, String positionTable) {
        this.processingGroup = processingGroup;
        this.positionTable = positionTable;
    }

    public String processingGroup() {
        return processingGroup;
    }

    /** The table holding one row per aggregate, with columns {@code id} (uuid) and {@code position}. */
    public String positionTable() {
        return positionTable;
    }

    /**
     * Redis key of the read model's generation: a counter bumped after every change, so that any
     * cache of its data keyed by generation is invalidated on every node at once.
     */
    public String generationKey() {
        return "rm:gen:" + processingGroup;
    }
}
