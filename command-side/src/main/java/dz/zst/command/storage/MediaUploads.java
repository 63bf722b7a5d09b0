package dz.zst.command.storage;

import dz.zst.command.storage.StorageKeys.ProductImageKeys;
import dz.zst.command.storage.StorageResponses.FileDeleted;
import dz.zst.command.storage.StorageResponses.FileStored;
import dz.zst.command.storage.StorageResponses.MessageAttachmentStored;
import dz.zst.command.storage.StorageResponses.ProductImageUploaded;
import dz.zst.command.storage.StorageResponses.ReelVideoUploaded;
import dz.zst.command.shared.ConsistentWrites;
import dz.zst.domain.catalog.CatalogCommands.AttachProductImageCommand;
import dz.zst.domain.freelance.DeliveryFile;
import dz.zst.domain.freelance.FreelanceCommands.ChangeServiceCoverCommand;
import dz.zst.domain.freelance.FreelanceCommands.ChangeServiceVideoCommand;
import dz.zst.domain.freelance.FreelanceOrderId;
import dz.zst.domain.freelance.PortfolioMediaType;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.messages.MessageRules;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.ReadModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The storage use cases behind the routes of API.md §4 and §7: check what was sent, decide its key
 * and type, store it, and for product images attach it to the product. Bad input is an
 * IllegalArgumentException (400), an oversized file a MaxUploadSizeExceededException (413).
 */
@Service
public class MediaUploads {

    public static final long IMAGE_LIMIT_BYTES = 10L * 1024 * 1024;
    public static final long VIDEO_LIMIT_BYTES = 100L * 1024 * 1024;
    /** A message's attachment that is no image (API.md §13); images keep their 10 MB. */
    public static final long MESSAGE_FILE_LIMIT_BYTES = 25L * 1024 * 1024;
    /** Long enough to send 100 MB over a slow mobile link, short enough that a leaked URL soon dies. */
    static final Duration PRESIGN_TTL = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(MediaUploads.class);

    private final FileStorage storage;
    private final StorageKeys keys;
    private final ProductImages images;
    private final ProductOwnership ownership;
    private final ServiceOwnership services;
    private final CommandGateway commands;
    private final ConsistentWrites writes;

    public MediaUploads(FileStorage storage, StorageKeys keys, ProductImages images, ProductOwnership ownership,
                        ServiceOwnership services, CommandGateway commands, ConsistentWrites writes) {
        this.services = services;
        this.storage = storage;
        this.keys = keys;
        this.images = images;
        this.ownership = ownership;
        this.commands = commands;
        this.writes = writes;
    }

    /**
     * Stores the image and its thumbnail, then asks the Product aggregate to attach them; the
     * aggregate decides ownership, and when it refuses, the files are removed again. Once the
     * image is attached the files stay, whatever happens next; the answer waits for the products
     * read model to show the image, so the uploader's next read of the product has it.
     */
    public ProductImageUploaded uploadProductImage(Actor actor, ProductId productId, IncomingFile file) {
        requireClaim(file, MediaFormat.Family.IMAGE);
        requireWithin(file, IMAGE_LIMIT_BYTES);
        byte[] bytes = file.bytes();
        MediaFormat format = images.requireReadable(bytes);
        byte[] thumbnail = images.squareThumbnail(bytes);
        ProductImageKeys stored = keys.productImage(productId, format);
        String url = storage.publicUrl(stored.original());
        String thumbnailUrl = storage.publicUrl(stored.thumbnail());
        try {
            storage.put(stored.original(), bytes, format.contentType());
            storage.put(stored.thumbnail(), thumbnail, MediaFormat.JPEG.contentType());
            commands.sendAndWait(new AttachProductImageCommand(productId, actor, UUID.randomUUID().toString(), url,
                    thumbnailUrl, stored.original().value()));
        } catch (RuntimeException refused) {
            discard(stored.original(), stored.thumbnail());
            throw refused;
        }
        writes.awaitStored(ReadModel.PRODUCTS, productId.toString());
        return new ProductImageUploaded("Image uploaded successfully", url, stored.original().value(), thumbnailUrl,
                stored.thumbnail().value());
    }

    /** An image the user keeps under their own prefix (avatars, chat pictures). */
    public FileStored uploadUserImage(Actor actor, IncomingFile file) {
        requireClaim(file, MediaFormat.Family.IMAGE);
        requireWithin(file, IMAGE_LIMIT_BYTES);
        MediaFormat format = sniff(file, MediaFormat.Family.IMAGE);
        return store(keys.userImage(actor.userId(), format), file, format);
    }

    /** Any file; stored as the type its bytes show, or as opaque bytes when they show none. */
    public FileStored uploadUserFile(Actor actor, IncomingFile file) {
        requireNotEmpty(file);
        requireWithin(file, VIDEO_LIMIT_BYTES);
        MediaFormat format = MediaFormat.sniff(file.head()).orElse(MediaFormat.BINARY);
        return store(keys.userFile(actor.userId(), format), file, format);
    }

    /**
     * A service's cover, stored with its square thumbnail under the uploader's {@code freelance/}
     * prefix, then set on the service (the aggregate decides who may; when it refuses, the files are
     * removed again). Answers once the freelance read model shows it.
     */
    public ProductImageUploaded uploadServiceCover(Actor actor, ServiceId serviceId, IncomingFile file) {
        requireClaim(file, MediaFormat.Family.IMAGE);
        requireWithin(file, IMAGE_LIMIT_BYTES);
        byte[] bytes = file.bytes();
        MediaFormat format = images.requireReadable(bytes);
        byte[] thumbnail = images.squareThumbnail(bytes);
        ProductImageKeys stored = keys.serviceCover(actor.userId(), serviceId, format);
        String url = storage.publicUrl(stored.original());
        String thumbnailUrl = storage.publicUrl(stored.thumbnail());
        try {
            storage.put(stored.original(), bytes, format.contentType());
            storage.put(stored.thumbnail(), thumbnail, MediaFormat.JPEG.contentType());
            commands.sendAndWait(new ChangeServiceCoverCommand(serviceId, actor, url, thumbnailUrl));
        } catch (RuntimeException refused) {
            discard(stored.original(), stored.thumbnail());
            throw refused;
        }
        writes.awaitStored(ReadModel.FREELANCE_SERVICES, serviceId.toString());
        return new ProductImageUploaded("Cover uploaded successfully", url, stored.original().value(), thumbnailUrl,
                stored.thumbnail().value());
    }

    /** A service's intro video, set on the service as a cover is. */
    public ReelVideoUploaded uploadServiceVideo(Actor actor, ServiceId serviceId, IncomingFile file) {
        requireClaim(file, MediaFormat.Family.VIDEO);
        requireWithin(file, VIDEO_LIMIT_BYTES);
        MediaFormat format = sniff(file, MediaFormat.Family.VIDEO);
        StorageKey key = keys.serviceVideo(actor.userId(), serviceId, format);
        FileStored stored = store(key, file, format);
        try {
            commands.sendAndWait(new ChangeServiceVideoCommand(serviceId, actor, stored.url()));
        } catch (RuntimeException refused) {
            discard(key);
            throw refused;
        }
        writes.awaitStored(ReadModel.FREELANCE_SERVICES, serviceId.toString());
        return new ReelVideoUploaded("Video uploaded successfully", stored.url(), stored.key());
    }

    /**
     * A portfolio item's media: an image (≤ 10 MB, with a square thumbnail) or a video (≤ 100 MB),
     * under the freelancer's own prefix; {@code command} makes the command that adds the item from the
     * media's URL and its thumbnail's (null for a video). Files the command is refused are removed.
     */
    public void uploadPortfolioMedia(Actor actor, PortfolioMediaType type, IncomingFile file,
                                     BiFunction<String, String, Object> command) {
        if (type == PortfolioMediaType.IMAGE) {
            requireClaim(file, MediaFormat.Family.IMAGE);
            requireWithin(file, IMAGE_LIMIT_BYTES);
            byte[] bytes = file.bytes();
            MediaFormat format = images.requireReadable(bytes);
            byte[] thumbnail = images.squareThumbnail(bytes);
            ProductImageKeys stored = keys.portfolioMedia(actor.userId(), format);
            try {
                storage.put(stored.original(), bytes, format.contentType());
                storage.put(stored.thumbnail(), thumbnail, MediaFormat.JPEG.contentType());
                commands.sendAndWait(command.apply(storage.publicUrl(stored.original()),
                        storage.publicUrl(stored.thumbnail())));
            } catch (RuntimeException refused) {
                discard(stored.original(), stored.thumbnail());
                throw refused;
            }
            return;
        }
        requireClaim(file, MediaFormat.Family.VIDEO);
        requireWithin(file, VIDEO_LIMIT_BYTES);
        MediaFormat format = sniff(file, MediaFormat.Family.VIDEO);
        StorageKey key = keys.portfolioMedia(actor.userId(), format).original();
        FileStored stored = store(key, file, format);
        try {
            commands.sendAndWait(command.apply(stored.url(), null));
        } catch (RuntimeException refused) {
            discard(key);
            throw refused;
        }
    }

    /** A thumbnail for a portfolio item (its video's poster): an image, at most 10 MB, cut square. */
    public void uploadPortfolioThumbnail(Actor actor, IncomingFile file, Function<String, Object> command) {
        requireClaim(file, MediaFormat.Family.IMAGE);
        requireWithin(file, IMAGE_LIMIT_BYTES);
        byte[] bytes = file.bytes();
        images.requireReadable(bytes);
        byte[] thumbnail = images.squareThumbnail(bytes);
        StorageKey key = keys.portfolioMedia(actor.userId(), MediaFormat.JPEG).thumbnail();
        try {
            storage.put(key, thumbnail, MediaFormat.JPEG.contentType());
            commands.sendAndWait(command.apply(storage.publicUrl(key)));
        } catch (RuntimeException refused) {
            discard(key);
            throw refused;
        }
    }

    /**
     * The key of {@code url} when it is one of this platform's stored objects under {@code prefix}
     * (media uploaded through a presigned URL, then named by the app); otherwise a 400 naming
     * {@code field}: a link to anywhere else would make us show what we never checked.
     */
    public StorageKey requireOwnMedia(String url, String prefix, MediaFormat.Family family, String field) {
        String base = storage.publicUrl(new StorageKey("x"));
        base = base.substring(0, base.length() - 1);
        StorageKey key = null;
        if (url != null && url.startsWith(base + prefix)) {
            try {
                key = new StorageKey(url.substring(base.length()));
            } catch (IllegalArgumentException notAKey) {
                key = null;
            }
        }
        String extension = key == null ? "" : key.value().substring(key.value().lastIndexOf('.') + 1);
        boolean ofFamily = Arrays.stream(MediaFormat.values())
                .anyMatch(f -> f.family() == family && f.extension().equals(extension));
        if (key == null || !ofFamily || !storage.exists(key)) {
            throw new InvalidFieldException(field, field + " must be " + (family == MediaFormat.Family.IMAGE
                    ? "an image" : "a video") + " you uploaded through POST /api/v1/storage/presign");
        }
        return key;
    }

    /**
     * One file a freelancer delivers on an order: any type, at most 100 MB, stored as the type its
     * bytes show (opaque bytes when they show none), under the freelancer's own prefix.
     *
     * @param name the file's name as uploaded, kept so the client sees what it gets
     */
    public DeliveryFile uploadDeliveryFile(Actor actor, FreelanceOrderId orderId, IncomingFile file, String name) {
        requireNotEmpty(file);
        requireWithin(file, VIDEO_LIMIT_BYTES);
        MediaFormat format = MediaFormat.sniff(file.head()).orElse(MediaFormat.BINARY);
        FileStored stored = store(keys.deliveryFile(actor.userId(), orderId, format), file, format);
        return new DeliveryFile(stored.url(), displayName(name, stored.key()), format.contentType());
    }

    /**
     * A file to send with a message, under the sender's own prefix: an image (as its bytes show) at
     * most 10 MB, any other file at most 25 MB. {@code name} is what the recipient sees.
     */
    public MessageAttachmentStored uploadMessageAttachment(Actor actor, IncomingFile file, String name) {
        requireNotEmpty(file);
        requireWithin(file, MESSAGE_FILE_LIMIT_BYTES);
        MediaFormat format = MediaFormat.sniff(file.head()).orElse(MediaFormat.BINARY);
        boolean image = format.family() == MediaFormat.Family.IMAGE;
        if (image) {
            requireWithin(file, IMAGE_LIMIT_BYTES);
        }
        FileStored stored = store(keys.messageAttachment(actor.userId(), format), file, format);
        String shown = name == null || name.isBlank() ? stored.key().substring(stored.key().lastIndexOf('/') + 1)
                : name.strip();
        if (shown.length() > MessageRules.MAX_ATTACHMENT_NAME) {
            shown = shown.substring(0, MessageRules.MAX_ATTACHMENT_NAME);
        }
        return new MessageAttachmentStored(stored.url(), stored.key(), shown, image ? "image" : "file");
    }

    /**
     * A message may only carry what its sender uploaded for messages here: a URL of this storage
     * under {@code uploads/{sender}/messages/} that exists. Anything else (another site, another
     * user's file, a made-up key) is a 400 naming the field.
     */
    public void requireMessageAttachment(Actor sender, String url, String field) {
        StorageKey key = storage.keyOf(url).orElse(null);
        String[] segments = key == null ? new String[0] : key.segments();
        if (segments.length < 4 || !StorageKeys.UPLOADS.equals(segments[0])
                || !segments[1].equals(sender.userId().toString()) || !StorageKeys.MESSAGES.equals(segments[2])
                || !storage.exists(key)) {
            throw new InvalidFieldException(field, field + " must be a file you uploaded to "
                    + "/api/v1/storage/message-attachments");
        }
    }

    public ReelVideoUploaded uploadReelVideo(Actor actor, ProductId productId, IncomingFile file) {
        requireClaim(file, MediaFormat.Family.VIDEO);
        requireWithin(file, VIDEO_LIMIT_BYTES);
        MediaFormat format = sniff(file, MediaFormat.Family.VIDEO);
        ownership.requireOwner(productId, actor);
        FileStored stored = store(keys.reelVideo(productId, format), file, format);
        return new ReelVideoUploaded("Video uploaded successfully", stored.url(), stored.key());
    }

    /**
     * A URL to PUT one file straight to storage: a product's (its owner), a service's (its
     * freelancer; the app then sets it with PATCH …/services/{id} cover_image_url or video_url) or a
     * portfolio's (the freelancer's own prefix; then POST /freelancer/portfolio with media_url).
     *
     * @param productId the product, for the product kinds; else null
     * @param serviceId the service, for the service kinds; else null
     */
    public PresignedUpload presign(Actor actor, UploadKind kind, ProductId productId, ServiceId serviceId,
                                   String contentType, long size) {
        MediaFormat format = MediaFormat.ofContentType(contentType)
                .filter(f -> f.family() == kind.family())
                .orElseThrow(() -> new IllegalArgumentException("content_type must be one of "
                        + allowed(kind.family()) + " for " + kind.wire()));
        if (size > kind.limitBytes()) {
            throw new MaxUploadSizeExceededException(kind.limitBytes());
        }
        StorageKey key = switch (kind) {
            case PRODUCT_IMAGE, REEL_VIDEO -> {
                ownership.requireOwner(required(productId, "product_id", kind), actor);
                yield kind == UploadKind.PRODUCT_IMAGE ? keys.productImage(productId, format).original()
                        : keys.reelVideo(productId, format);
            }
            case SERVICE_COVER, SERVICE_VIDEO -> {
                services.requireOwner(required(serviceId, "service_id", kind), actor);
                yield kind == UploadKind.SERVICE_COVER ? keys.serviceCover(actor.userId(), serviceId, format).original()
                        : keys.serviceVideo(actor.userId(), serviceId, format);
            }
            case PORTFOLIO_IMAGE, PORTFOLIO_VIDEO -> keys.portfolioMedia(actor.userId(), format).original();
        };
        return storage.presignPut(key, format.contentType(), size, PRESIGN_TTL);
    }

    private static <T> T required(T id, String field, UploadKind kind) {
        if (id == null) {
            throw new InvalidFieldException(field, field + " is required for " + kind.wire());
        }
        return id;
    }

    /**
     * A user may delete under {@code uploads/{their id}/} and {@code freelance/{their id}/}, a seller under the {@code products/} and
     * {@code reels/} folders of their own products, an admin anything.
     */
    public FileDeleted delete(Actor actor, StorageKey key) {
        requireMayDelete(actor, key);
        if (!storage.exists(key)) {
            throw new NotFoundException("File not found");
        }
        storage.delete(key);
        return new FileDeleted("File deleted successfully", key.value());
    }

    private void requireMayDelete(Actor actor, StorageKey key) {
        if (actor.isAdmin()) {
            return;
        }
        String[] segments = key.segments();
        if (segments.length > 2 && (StorageKeys.UPLOADS.equals(segments[0])
                || StorageKeys.FREELANCE.equals(segments[0]))) {
            if (!segments[1].equals(actor.userId().toString())) {
                throw new ForbiddenException("You can only delete your own files");
            }
            return;
        }
        if (segments.length > 2 && (StorageKeys.PRODUCTS.equals(segments[0]) || StorageKeys.REELS.equals(segments[0]))) {
            ownership.requireOwner(ProductId.of(segments[1]), actor);
            return;
        }
        throw new ForbiddenException("Only an admin can delete this file");
    }

    private FileStored store(StorageKey key, IncomingFile file, MediaFormat format) {
        try (InputStream content = file.open()) {
            storage.put(key, content, format.contentType(), file.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
        return new FileStored(storage.publicUrl(key), key.value());
    }

    private void discard(StorageKey... stored) {
        for (StorageKey key : stored) {
            try {
                storage.delete(key);
            } catch (RuntimeException e) {
                log.warn("Could not remove {} after a refused upload; it is unreferenced", key, e);
            }
        }
    }

    /** The uploaded name without its path, at most 255 characters; the key's last segment when none was sent. */
    private static String displayName(String name, String key) {
        String plain = name == null ? "" : name.replaceAll("^.*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        if (plain.isEmpty()) {
            return key.substring(key.lastIndexOf('/') + 1);
        }
        return plain.length() > 255 ? plain.substring(0, 255) : plain;
    }

    private static MediaFormat sniff(IncomingFile file, MediaFormat.Family family) {
        return MediaFormat.sniff(file.head())
                .filter(f -> f.family() == family)
                .orElseThrow(() -> new IllegalArgumentException("file content is not a supported "
                        + family.name().toLowerCase(Locale.ROOT) + " (" + allowed(family) + ")"));
    }

    private static void requireClaim(IncomingFile file, MediaFormat.Family family) {
        requireNotEmpty(file);
        if (!file.claims(family)) {
            String type = family.name().toLowerCase(Locale.ROOT);
            throw new IllegalArgumentException("file must be " + (family == MediaFormat.Family.IMAGE ? "an " : "a ")
                    + type + " (" + type + "/*)");
        }
    }

    private static void requireNotEmpty(IncomingFile file) {
        if (file.size() <= 0) {
            throw new IllegalArgumentException("file is empty");
        }
    }

    private static void requireWithin(IncomingFile file, long limit) {
        if (file.size() > limit) {
            throw new MaxUploadSizeExceededException(limit);
        }
    }

    private static String allowed(MediaFormat.Family family) {
        return Arrays.stream(MediaFormat.values()).filter(f -> f.family() == family)
                .map(MediaFormat::contentType).collect(Collectors.joining(", "));
    }
}
