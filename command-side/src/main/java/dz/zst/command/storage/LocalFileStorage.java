package dz.zst.command.storage;

import dz.zst.domain.shared.ForbiddenException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The embedded default: objects are files under {@code <data-dir>/media}, read back by the API at
 * {@code /media/**} and written through presigned uploads at {@code /media-upload/**} (see
 * {@link LocalMediaWeb}). Files appear atomically: a reader sees the old object or the whole new
 * one, never a partly written file.
 */
public class LocalFileStorage implements FileStorage {

    static final String MEDIA_PATH = "/media/";
    static final String UPLOAD_PATH = "/media-upload/";

    private final Path root;
    private final Path incoming;
    private final String publicBaseUrl;
    private final UploadSigner signer;
    private final Clock clock;

    /**
     * @param root          the media folder; served as-is, so it holds nothing but objects
     * @param publicBaseUrl the API's address as clients reach it, e.g. {@code https://api.zst.dz}
     */
    public LocalFileStorage(Path root, String publicBaseUrl, UploadSigner signer, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolveSibling(this.root.getFileName() + "-incoming");
        this.publicBaseUrl = trimSlash(publicBaseUrl);
        this.signer = signer;
        this.clock = clock;
        try {
            Files.createDirectories(this.root);
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the media folder " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(StorageKey key, InputStream content, String contentType, long size) {
        Path target = resolve(key);
        Path partial = null;
        try {
            Files.createDirectories(target.getParent());
            partial = Files.createTempFile(incoming, "upload-", ".part");
            long received;
            try (InputStream bounded = content) {
                received = Files.copy(new BoundedInputStream(bounded, size + 1), partial,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            if (received != size) {
                throw new IllegalArgumentException("expected " + size + " bytes but received " + received);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + key, e);
        } finally {
            deleteQuietly(partial);
        }
    }

    @Override
    public boolean exists(StorageKey key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public void delete(StorageKey key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + key, e);
        }
    }

    @Override
    public String publicUrl(StorageKey key) {
        return publicBaseUrl + MEDIA_PATH + key.value();
    }

    @Override
    public PresignedUpload presignPut(StorageKey key, String contentType, long size, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        long expires = expiresAt.getEpochSecond();
        String url = publicBaseUrl + UPLOAD_PATH + key.value()
                + "?content_type=" + URLEncoder.encode(contentType, StandardCharsets.UTF_8)
                + "&size=" + size
                + "&expires=" + expires
                + "&signature=" + signer.sign(key, contentType, size, expires);
        return new PresignedUpload(url, "PUT", Map.of("Content-Type", contentType), key.value(), publicUrl(key),
                expiresAt);
    }

    /**
     * Accepts the body of a presigned upload. The URL's signature covers the key, type, size and
     * expiry, so what it allows can't be changed by editing the query string.
     *
     * @param announcedLength the request's Content-Length, or -1 when chunked (then the byte count is checked)
     */
    public void receiveSignedUpload(SignedUpload upload, String sentContentType, long announcedLength,
                                    InputStream body) {
        boolean valid = signer.verify(upload.key(), upload.contentType(), upload.size(), upload.expires(),
                upload.signature());
        if (!valid || clock.instant().getEpochSecond() > upload.expires()) {
            throw new ForbiddenException("The upload URL is invalid or has expired");
        }
        String sent = sentContentType == null ? "" : sentContentType.split(";", 2)[0].trim();
        if (!sent.equalsIgnoreCase(upload.contentType())) {
            throw new IllegalArgumentException("Content-Type must be " + upload.contentType());
        }
        if (announcedLength > upload.size()) {
            throw new MaxUploadSizeExceededException(upload.size());
        }
        put(upload.key(), body, upload.contentType(), upload.size());
    }

    /** The parts of a presigned upload URL. */
    public record SignedUpload(StorageKey key, String contentType, long size, long expires, String signature) {
    }

    private Path resolve(StorageKey key) {
        Path path = root.resolve(key.value()).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("key is not a valid storage key");
        }
        return path;
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover part file is harmless; it is never served.
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
