package dz.zst.command.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MediaFormatTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void recognisesFormatsByTheirMagicBytes() {
        assertThat(MediaFormat.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).contains(MediaFormat.JPEG);
        assertThat(MediaFormat.sniff(bytes("\u0089PNG\r\n\u001a\n0000"))).contains(MediaFormat.PNG);
        assertThat(MediaFormat.sniff(bytes("GIF89a"))).contains(MediaFormat.GIF);
        assertThat(MediaFormat.sniff(bytes("RIFF\0\0\0\0WEBPVP8 "))).contains(MediaFormat.WEBP);
        assertThat(MediaFormat.sniff(bytes("\0\0\0\u0018ftypisom\0\0\0\0"))).contains(MediaFormat.MP4);
        assertThat(MediaFormat.sniff(bytes("\0\0\0\u0014ftypqt  \0\0\0\0"))).contains(MediaFormat.QUICKTIME);
        assertThat(MediaFormat.sniff(bytes("\0\0\0\u0014ftyp3gp4\0\0\0\0"))).contains(MediaFormat.THREE_GPP);
        assertThat(MediaFormat.sniff(bytes("\0\0\0\u0018ftypheic\0\0\0\0"))).contains(MediaFormat.HEIC);
        assertThat(MediaFormat.sniff(bytes("\0\0\0\u001cftypavif\0\0\0\0"))).contains(MediaFormat.AVIF);
        assertThat(MediaFormat.sniff(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1})).contains(MediaFormat.WEBM);
        assertThat(MediaFormat.sniff(bytes("%PDF-1.7"))).contains(MediaFormat.PDF);
    }

    @Test
    void recognisesNothingInActiveContent() {
        assertThat(MediaFormat.sniff(bytes("<html><script>alert(1)</script>"))).isEmpty();
        assertThat(MediaFormat.sniff(bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"))).isEmpty();
        assertThat(MediaFormat.sniff(new byte[0])).isEmpty();
    }

    @Test
    void namesFormatsByContentType() {
        assertThat(MediaFormat.ofContentType("image/jpg")).contains(MediaFormat.JPEG);
        assertThat(MediaFormat.ofContentType("Video/MP4; codecs=avc1")).contains(MediaFormat.MP4);
        assertThat(MediaFormat.ofContentType("image/svg+xml")).isEmpty();
        assertThat(MediaFormat.ofContentType("application/octet-stream")).isEmpty();
    }
}
