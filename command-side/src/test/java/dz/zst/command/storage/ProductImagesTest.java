package dz.zst.command.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class ProductImagesTest {

    private final ProductImages images = new ProductImages();

    static byte[] png(int width, int height, int imageType, Color fill) throws IOException {
        BufferedImage image = new BufferedImage(width, height, imageType);
        Graphics2D g = image.createGraphics();
        g.setColor(fill);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void turnsA1200By800PngIntoA400By400Jpeg() throws IOException {
        byte[] thumbnail = images.squareThumbnail(png(1200, 800, BufferedImage.TYPE_INT_RGB, Color.BLUE));

        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(thumbnail))) {
            ImageReader reader = ImageIO.getImageReaders(input).next();
            reader.setInput(input);
            assertThat(reader.getFormatName()).isEqualToIgnoringCase("jpeg");
            assertThat(reader.getWidth(0)).isEqualTo(400);
            assertThat(reader.getHeight(0)).isEqualTo(400);
        }
        assertThat(MediaFormat.sniff(thumbnail)).contains(MediaFormat.JPEG);
    }

    @Test
    void putsTransparentAreasOnWhite() throws IOException {
        byte[] thumbnail = images.squareThumbnail(png(600, 600, BufferedImage.TYPE_INT_ARGB, new Color(0, 0, 0, 0)));

        Color corner = new Color(ImageIO.read(new ByteArrayInputStream(thumbnail)).getRGB(0, 0));
        assertThat(corner.getRed()).isGreaterThan(240);
        assertThat(corner.getGreen()).isGreaterThan(240);
        assertThat(corner.getBlue()).isGreaterThan(240);
    }

    @Test
    void readsTheFormatFromTheBytes() throws IOException {
        assertThat(images.requireReadable(png(10, 10, BufferedImage.TYPE_INT_RGB, Color.RED))).isEqualTo(MediaFormat.PNG);
        assertThat(images.requireReadable(images.squareThumbnail(png(10, 10, BufferedImage.TYPE_INT_RGB, Color.RED))))
                .isEqualTo(MediaFormat.JPEG);
    }

    @Test
    void refusesBytesThatAreNoImage() {
        assertThatThrownBy(() -> images.requireReadable("<html>hello</html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a readable image");
        assertThatThrownBy(() -> images.squareThumbnail(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesImagesWhoseDecodingWouldExhaustTheHeap() throws IOException {
        byte[] huge = png(8000, 7000, BufferedImage.TYPE_BYTE_BINARY, Color.BLACK);

        assertThatThrownBy(() -> images.requireReadable(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }
}
