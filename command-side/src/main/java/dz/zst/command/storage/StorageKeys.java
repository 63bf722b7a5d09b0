package dz.zst.command.storage;

import dz.zst.domain.freelance.FreelanceOrderId;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.UserId;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The key layout of API.md §4: {@code products/{productId}/images/{timestamp}.{ext}},
 * {@code reels/{productId}/video-{timestamp}.{ext}}, and {@code uploads/{userId}/…} for a user's
 * own files. The first segments say who owns a key, which is how deletion is authorised.
 */
@Component
public class StorageKeys {

    public static final String PRODUCTS = "products";
    public static final String REELS = "reels";
    public static final String UPLOADS = "uploads";
    /** {@code freelance/{userId}/…}: a freelancer's service media, portfolio and delivered files. */
    public static final String FREELANCE = "freelance";
    public static final String MESSAGES = "messages";

    private final Clock clock;
    private final AtomicLong lastStamp = new AtomicLong();

    @Autowired
    public StorageKeys(ObjectProvider<Clock> clock) {
        this(clock.getIfAvailable(Clock::systemUTC));
    }

    StorageKeys(Clock clock) {
        this.clock = clock;
    }

    /** An original and its thumbnail share one timestamp, so either names the other. */
    public record ProductImageKeys(StorageKey original, StorageKey thumbnail) {
    }

    public ProductImageKeys productImage(ProductId productId, MediaFormat format) {
        String base = PRODUCTS + "/" + productId + "/images/" + stamp();
        return new ProductImageKeys(new StorageKey(base + "." + format.extension()),
                new StorageKey(base + "-thumb." + MediaFormat.JPEG.extension()));
    }

    public StorageKey reelVideo(ProductId productId, MediaFormat format) {
        return new StorageKey(REELS + "/" + productId + "/video-" + stamp() + "." + format.extension());
    }

    public ProductImageKeys serviceCover(UserId freelancerId, ServiceId serviceId, MediaFormat format) {
        String base = FREELANCE + "/" + freelancerId + "/services/" + serviceId + "/cover-" + stamp();
        return new ProductImageKeys(new StorageKey(base + "." + format.extension()),
                new StorageKey(base + "-thumb." + MediaFormat.JPEG.extension()));
    }

    public StorageKey serviceVideo(UserId freelancerId, ServiceId serviceId, MediaFormat format) {
        return new StorageKey(FREELANCE + "/" + freelancerId + "/services/" + serviceId + "/video-" + stamp() + "."
                + format.extension());
    }

    /** A portfolio item's media, and the thumbnail made of it or uploaded for it. */
    public ProductImageKeys portfolioMedia(UserId freelancerId, MediaFormat format) {
        String base = FREELANCE + "/" + freelancerId + "/portfolio/" + stamp();
        return new ProductImageKeys(new StorageKey(base + "." + format.extension()),
                new StorageKey(base + "-thumb." + MediaFormat.JPEG.extension()));
    }

    public StorageKey deliveryFile(UserId freelancerId, FreelanceOrderId orderId, MediaFormat format) {
        return new StorageKey(FREELANCE + "/" + freelancerId + "/orders/" + orderId + "/" + stamp() + "."
                + format.extension());
    }

    public StorageKey userImage(UserId userId, MediaFormat format) {
        return new StorageKey(UPLOADS + "/" + userId + "/images/" + stamp() + "." + format.extension());
    }

    public StorageKey userFile(UserId userId, MediaFormat format) {
        return new StorageKey(UPLOADS + "/" + userId + "/files/" + stamp() + "." + format.extension());
    }

    public StorageKey messageAttachment(UserId userId, MediaFormat format) {
        return new StorageKey(UPLOADS + "/" + userId + "/" + MESSAGES + "/" + stamp() + "." + format.extension());
    }

    /**
     * Epoch milliseconds, strictly increasing within this process: two uploads in the same
     * millisecond would otherwise get the same key and the second would replace the first.
     */
    long stamp() {
        return lastStamp.updateAndGet(previous -> Math.max(previous + 1, clock.millis()));
    }
}
