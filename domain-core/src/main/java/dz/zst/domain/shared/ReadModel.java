package dz.zst.domain.shared;

/**
 * The read models a write may have to wait for before it answers (read-your-writes). Each is fed
 * by one processing group and keyed by the id of the aggregate whose events it folds.
 */
public enum ReadModel {
    PRODUCTS("products"),
    USERS("users");

    private final String processingGroup;

    ReadModel(String processingGroup) {
        this.processingGroup = processingGroup;
    }

    public String processingGroup() {
        return processingGroup;
    }

    /**
     * Redis key of the read model's generation: a counter bumped after every change, so that any
     * cache of its data keyed by generation is invalidated on every node at once.
     */
    public String generationKey() {
        return "rm:gen:" + processingGroup;
    }
}
