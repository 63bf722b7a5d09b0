package dz.zst.command.storage;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.filters.ImageFilter;
import net.coobird.thumbnailator.geometry.Positions;
import org.springframework.stereotype.Component;

/**
 * Checks that a product image really is one and makes its square thumbnail. Only formats that the
 * JDK can decode are accepted here (JPEG, PNG, GIF, BMP), since a product image without a thumbnail
 * would break the catalogue grid.
 */
@Component
public class ProductImages {

    public static final int THUMBNAIL_SIZE = 400;

    /** Decoding needs width × height × 4 bytes of heap: a tiny file can claim a gigapixel. */
    static final long MAX_PIXELS = 50_000_000L;

    /** Decoding is the memory-hungry step; more in parallel than cores only queues in the heap. */
    private final Semaphore decoding = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    /** The image's format, read from its header; refuses anything the JDK can't decode. */
    public MediaFormat requireReadable(byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw unreadable();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IllegalArgumentException("image dimensions are too large (at most 50 megapixels)");
                }
                return MediaFormat.ofImageIoName(reader.getFormatName()).orElseThrow(ProductImages::unreadable);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw unreadable();
        }
    }

    /**
     * A {@value #THUMBNAIL_SIZE}×{@value #THUMBNAIL_SIZE} JPEG cut from the centre, turned upright
     * by its EXIF orientation; transparent areas become white rather than JPEG's default black.
     */
    public byte[] squareThumbnail(byte[] bytes) {
        decoding.acquireUninterruptibly();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            Thumbnails.of(new ByteArrayInputStream(bytes))
                    .crop(Positions.CENTER)
                    .size(THUMBNAIL_SIZE, THUMBNAIL_SIZE)
                    .addFilter(ON_WHITE)
                    .outputFormat("jpg")
                    .outputQuality(0.85)
                    .toOutputStream(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw unreadable();
        } finally {
            decoding.release();
        }
    }

    private static final ImageFilter ON_WHITE = image -> {
        BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return flat;
    };

    private static IllegalArgumentException unreadable() {
        return new IllegalArgumentException("file is not a readable image (JPEG, PNG, GIF or BMP)");
    }
}
