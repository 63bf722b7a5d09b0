package dz.zst.command.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats the platform stores under their own content type. A stored file's type comes
 * from its bytes ({@link #sniff}), never from what the client claims, and its key ends in the
 * format's extension, so the local media server and a bucket both answer with the right type and
 * nobody can upload an HTML page that the API's own origin would then serve.
 */
public enum MediaFormat {
    JPEG("image/jpeg", "jpg", Family.IMAGE),
    PNG("image/png", "png", Family.IMAGE),
    GIF("image/gif", "gif", Family.IMAGE),
    WEBP("image/webp", "webp", Family.IMAGE),
    BMP("image/bmp", "bmp", Family.IMAGE),
    HEIC("image/heic", "heic", Family.IMAGE),
    AVIF("image/avif", "avif", Family.IMAGE),
    MP4("video/mp4", "mp4", Family.VIDEO),
    QUICKTIME("video/quicktime", "mov", Family.VIDEO),
    WEBM("video/webm", "webm", Family.VIDEO),
    THREE_GPP("video/3gpp", "3gp", Family.VIDEO),
    M4A("audio/mp4", "m4a", Family.AUDIO),
    MP3("audio/mpeg", "mp3", Family.AUDIO),
    OGG("audio/ogg", "ogg", Family.AUDIO),
    WAV("audio/wav", "wav", Family.AUDIO),
    PDF("application/pdf", "pdf", Family.DOCUMENT),
    BINARY("application/octet-stream", "bin", Family.DOCUMENT);

    public enum Family { IMAGE, VIDEO, AUDIO, DOCUMENT }

    /** How many leading bytes {@link #sniff} needs. */
    public static final int SNIFF_LENGTH = 16;

    private final String contentType;
    private final String extension;
    private final Family family;

    MediaFormat(String contentType, String extension, Family family) {
        this.contentType = contentType;
        this.extension = extension;
        this.family = family;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public Family family() {
        return family;
    }

    /** The format a client names by content type (parameters such as charset ignored). */
    public static Optional<MediaFormat> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String canonical = "image/jpg".equals(bare) ? "image/jpeg" : bare;
        return Arrays.stream(values()).filter(f -> f != BINARY && f.contentType.equals(canonical)).findFirst();
    }

    /** The format that ImageIO reports under {@code formatName} (e.g. "png", "JPEG"). */
    public static Optional<MediaFormat> ofImageIoName(String formatName) {
        String name = formatName.toLowerCase(Locale.ROOT);
        if ("jpeg".equals(name) || "jpg".equals(name)) {
            return Optional.of(JPEG);
        }
        return Arrays.stream(values()).filter(f -> f.family == Family.IMAGE && f.extension.equals(name)).findFirst();
    }

    /** Recognises a format by its magic bytes; empty when the bytes match none we store by type. */
    public static Optional<MediaFormat> sniff(byte[] head) {
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (text(head, 0, 6).equals("GIF87a") || text(head, 0, 6).equals("GIF89a")) {
            return Optional.of(GIF);
        }
        if (text(head, 0, 4).equals("RIFF") && text(head, 8, 4).equals("WEBP")) {
            return Optional.of(WEBP);
        }
        if (text(head, 0, 4).equals("RIFF") && text(head, 8, 4).equals("WAVE")) {
            return Optional.of(WAV);
        }
        if (text(head, 0, 2).equals("BM") && head.length >= 14) {
            return Optional.of(BMP);
        }
        if (text(head, 4, 4).equals("ftyp")) {
            return Optional.of(isoBrand(text(head, 8, 4)));
        }
        if (startsWith(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return Optional.of(WEBM);
        }
        if (text(head, 0, 5).equals("%PDF-")) {
            return Optional.of(PDF);
        }
        if (text(head, 0, 3).equals("ID3") || startsWith(head, 0, 0xFF, 0xFB)) {
            return Optional.of(MP3);
        }
        if (text(head, 0, 4).equals("OggS")) {
            return Optional.of(OGG);
        }
        return Optional.empty();
    }

    /** ISO base media files (MP4, QuickTime, 3GP, HEIC, AVIF, M4A) share one box layout and differ by brand. */
    private static MediaFormat isoBrand(String brand) {
        if (brand.equals("qt  ")) {
            return QUICKTIME;
        }
        if (brand.startsWith("3g")) {
            return THREE_GPP;
        }
        if (brand.equals("M4A ")) {
            return M4A;
        }
        if (brand.equals("heic") || brand.equals("heix") || brand.equals("mif1") || brand.equals("msf1")) {
            return HEIC;
        }
        if (brand.equals("avif") || brand.equals("avis")) {
            return AVIF;
        }
        return MP4;
    }

    private static boolean startsWith(byte[] head, int offset, int... expected) {
        if (head.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] head, int offset, int length) {
        return head.length < offset + length ? "" : new String(head, offset, length, StandardCharsets.ISO_8859_1);
    }
}
