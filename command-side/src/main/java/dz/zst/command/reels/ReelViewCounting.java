package dz.zst.command.reels;

import dz.zst.domain.reels.ReelId;
import dz.zst.domain.reels.Viewer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a view counts: a viewer counts once per reel per 24 h (API.md §7). One Redis key per
 * (reel, viewer) set only if absent, expiring after the window, shared by every node.
 */
@Component
public class ReelViewCounting {

    static final Duration WINDOW = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(ReelViewCounting.class);

    private final StringRedisTemplate redis;

    public ReelViewCounting(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Claims the viewer's view of the reel for the next 24 h; false when already counted. Without
     * Redis nothing can be checked, and an unchecked view is not counted: a view counter that can
     * only be inflated is worth less than one that missed a few views.
     */
    public boolean claim(ReelId reelId, Viewer viewer) {
        try {
            return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key(reelId, viewer), "1", WINDOW));
        } catch (RuntimeException e) {
            log.warn("cannot de-duplicate reel views, not counting this one: {}", e.toString());
            return false;
        }
    }

    /** Gives the claim back when the view could not be stored, so the viewer's retry counts. */
    public void release(ReelId reelId, Viewer viewer) {
        try {
            redis.delete(key(reelId, viewer));
        } catch (RuntimeException e) {
            log.warn("cannot release a reel view claim: {}", e.toString());
        }
    }

    private static String key(ReelId reelId, Viewer viewer) {
        return "reel:viewed:" + reelId + ":" + viewer.key();
    }
}
