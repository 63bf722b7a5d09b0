package dz.zst.command.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

/**
 * A file as a client sent it: multipart part or decoded data URI. {@code claimedType} is only
 * what the client says; the stored type is decided from the bytes.
 */
public record IncomingFile(String claimedType, long size, InputStreamSource content) {

    public static IncomingFile of(MultipartFile file) {
        return new IncomingFile(file.getContentType(), file.getSize(), file);
    }

    public static IncomingFile of(String claimedType, byte[] bytes) {
        return new IncomingFile(claimedType, bytes.length, new ByteArrayResource(bytes));
    }

    private static final Pattern DATA_URI = Pattern.compile("data:([A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+);base64,(.*)",
            Pattern.DOTALL);

    /**
     * Decodes a base64 data URI ({@code data:image/png;base64,iVBOR…}). The size is checked on the
     * encoded text, before decoding allocates the bytes.
     */
    public static IncomingFile fromDataUri(String dataUri, long limitBytes) {
        Matcher matcher = DATA_URI.matcher(dataUri.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("image must be a base64 data URI such as data:image/png;base64,...");
        }
        String base64 = matcher.group(2).replaceAll("\\s", "");
        if (base64.length() / 4 * 3 > limitBytes + 2) {
            throw new MaxUploadSizeExceededException(limitBytes);
        }
        try {
            return of(matcher.group(1), Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("image is not valid base64");
        }
    }

    public boolean claims(MediaFormat.Family family) {
        return claimedType != null && claimedType.toLowerCase(Locale.ROOT)
                .startsWith(family.name().toLowerCase(Locale.ROOT) + "/");
    }

    public InputStream open() {
        try {
            return content.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
    }

    /** Whole content in memory; only for files already checked to be small (images). */
    public byte[] bytes() {
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
    }

    /** The first bytes, enough to recognise the format. */
    public byte[] head() {
        try (InputStream in = open()) {
            return in.readNBytes(MediaFormat.SNIFF_LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
    }
}
