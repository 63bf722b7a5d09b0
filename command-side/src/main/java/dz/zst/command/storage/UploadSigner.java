package dz.zst.command.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the local storage's upload URLs, the way a bucket signs presigned URLs: an HMAC over
 * everything the upload may be (key, content type, size, expiry), so a URL can't be reused for
 * another key, type or size, nor after it expires.
 */
final class UploadSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec secret;

    UploadSigner(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the upload signing key must be at least 16 bytes");
        }
        this.secret = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * The signing key kept in {@code file}, created with 32 random bytes on first use. It lives
     * beside the data it protects, so a restart keeps issued URLs valid and nodes sharing the data
     * folder share the key.
     */
    static UploadSigner withKeyFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                writeOnce(file, Base64.getEncoder().encodeToString(fresh));
            }
            return new UploadSigner(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the upload signing key " + file, e);
        }
    }

    private static void writeOnce(Path file, String content) throws IOException {
        try {
            Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (FileAlreadyExistsException raced) {
            // Another node created it first; theirs is the key everyone reads.
        } catch (UnsupportedOperationException notPosix) {
            // The file system has no POSIX permissions; the folder's own protection applies.
        }
    }

    String sign(StorageKey key, String contentType, long size, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            String canonical = String.join("\n", "PUT", key.value(), contentType, Long.toString(size),
                    Long.toString(expiresEpochSecond));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    boolean verify(StorageKey key, String contentType, long size, long expiresEpochSecond, String signature) {
        byte[] expected = sign(key, contentType, size, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        return signature != null && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
