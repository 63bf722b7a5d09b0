package dz.zst.domain.reels;

/**
 * An event about one reel, whichever aggregate emitted it (the reel, a like, a comment, a view).
 * The reels read model folds every such event of a reel in order, on one thread.
 */
public interface ReelScoped {
    ReelId reelId();
}
