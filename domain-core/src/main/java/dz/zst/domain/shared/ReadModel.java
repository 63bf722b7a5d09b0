package dz.zst.domain.shared;

import java.time.Duration;

/**
 * The read models a write may have to wait for before it answers (read-your-writes). Each is fed
 * by one processing group and keyed by the id of the aggregate whose events it folds; its table
 * records, per aggregate, the event-store position of the newest event folded.
 */
public enum ReadModel {
    PRODUCTS("products", "products", "Product"),
    USERS("users", "users", "User"),
    ORDERS("orders", "orders", "Order"),
    CARTS("carts", "carts", "Cart"),
    REELS("reels", "reels", "Reel"),
    /** Keyed by like stream ({@link dz.zst.domain.reels.ReelLikeId}); folded with the reel's like count. */
    REEL_LIKES("reels", "reel_likes", "ReelLike"),
    /** Keyed by comment; folded with the reel's comment count. */
    REEL_COMMENTS("reels", "reel_comments", "ReelComment"),
    /** Keyed by view stream ({@link dz.zst.domain.reels.ReelViewerId}); folded with the reel's view count. */
    REEL_VIEWS("reels", "reel_viewers", "ReelViewer"),
    /** Keyed by offer; its responses are folded with it (the offer aggregate owns them). */
    B2B_OFFERS("b2b", "b2b_offers", "B2BOffer"),
    /** Keyed by service; its rating, reviews and orders counts are moved by the orders' events. */
    FREELANCE_SERVICES("freelance", "freelance_services", "Service"),
    /** Keyed by order; a review is folded with its order and its service's rating in one batch. */
    FREELANCE_ORDERS("freelance", "freelance_orders", "FreelanceOrder"),
    FREELANCE_PORTFOLIO("freelance", "freelance_portfolio", "PortfolioItem"),
    /** Keyed by conversation; its messages and each participant's unread count are folded with it. */
    CONVERSATIONS("messages", "conversations", "Conversation");

    public static final Duration ROW_GENERATION_TTL = Duration.ofHours(1);

    private final String processingGroup;
    private final String positionTable;
    private final String aggregateType;

    ReadModel(String processingGroup, String positionTable, String aggregateType) {
        this.processingGroup = processingGroup;
        this.positionTable = positionTable;
        this.aggregateType = aggregateType;
    }

    /** The type (the event store's {@code type} column) of the aggregates whose ids key its rows. */
    public String aggregateType() {
        return aggregateType;
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

    /**
     * Whether reads of this read model are cached by its generation (query-side's ReadModelCache:
     * the catalog's pages and products, which show their sellers from the users read model). Only
     * these have their generation bumped after a fold: nothing reads the others' (a message's fold
     * bumped one for nobody, a Redis round trip on every send and every batch of the group).
     * A read model that gains a cache keyed by its generation must be added here.
     */
    public boolean cached() {
        return this == PRODUCTS || this == USERS;
    }

    /**
     * Whether caches of this read model are kept per row, each checked against its row's own
     * generation ({@link #generationKey(Object)}): the users read model, whose rows every request
     * reads (its caller's sign-in state), and where a sign-up anywhere must not empty every
     * node's cache of everyone.
     */
    public boolean cachedPerRow() {
        return this == USERS;
    }

    /**
     * Redis key of one row's generation, set to a value never used before after every change of
     * that row, and kept {@link #ROW_GENERATION_TTL} past it: a counter whose key had expired would
     * start again at 1 and could repeat a value a cache entry still holds (entries live seconds).
     */
    public String generationKey(Object rowId) {
        return generationKey() + ":" + rowId;
    }
}
