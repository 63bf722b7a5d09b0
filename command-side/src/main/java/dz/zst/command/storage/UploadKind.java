package dz.zst.command.storage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a presigned upload is for; decides the key layout, the allowed types and the size limit. */
public enum UploadKind {
    PRODUCT_IMAGE("product-image", MediaFormat.Family.IMAGE, MediaUploads.IMAGE_LIMIT_BYTES),
    REEL_VIDEO("reel-video", MediaFormat.Family.VIDEO, MediaUploads.VIDEO_LIMIT_BYTES),
    /** A freelance service's cover (no thumbnail is made: the service shows the cover itself). */
    SERVICE_COVER("service-cover", MediaFormat.Family.IMAGE, MediaUploads.IMAGE_LIMIT_BYTES),
    SERVICE_VIDEO("service-video", MediaFormat.Family.VIDEO, MediaUploads.VIDEO_LIMIT_BYTES),
    PORTFOLIO_IMAGE("portfolio-image", MediaFormat.Family.IMAGE, MediaUploads.IMAGE_LIMIT_BYTES),
    PORTFOLIO_VIDEO("portfolio-video", MediaFormat.Family.VIDEO, MediaUploads.VIDEO_LIMIT_BYTES);

    private final String wire;
    private final MediaFormat.Family family;
    private final long limitBytes;

    UploadKind(String wire, MediaFormat.Family family, long limitBytes) {
        this.wire = wire;
        this.family = family;
        this.limitBytes = limitBytes;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public MediaFormat.Family family() {
        return family;
    }

    public long limitBytes() {
        return limitBytes;
    }

    @JsonCreator
    public static UploadKind fromWire(String value) {
        for (UploadKind kind : values()) {
            if (kind.wire.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be one of product-image, reel-video, service-cover, "
                + "service-video, portfolio-image, portfolio-video");
    }
}
