package dz.zst.command.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dz.zst.domain.shared.ProductId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../secret", "products/../../x", "a//b", "a/./b", "a/.hidden",
            "a\\b", "a/b/", "space here", "%2e%2e/x", "uploads/ü"})
    void refusesKeysThatCouldLeaveTheirFolder(String key) {
        assertThatThrownBy(() -> new StorageKey(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsThePathFormTheRouterGives() {
        assertThat(StorageKey.fromPath("/products/x/images/1.jpg").value()).isEqualTo("products/x/images/1.jpg");
        assertThat(new StorageKey("uploads/u/files/1-2.bin").segments()).containsExactly("uploads", "u", "files", "1-2.bin");
    }

    @Test
    void givesDistinctKeysToUploadsInTheSameMillisecond() {
        StorageKeys keys = new StorageKeys(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));
        ProductId product = ProductId.of("0b0c9a57-3f55-4f43-9a3c-6a4e5b1c2d3e");

        StorageKeys.ProductImageKeys first = keys.productImage(product, MediaFormat.PNG);
        StorageKeys.ProductImageKeys second = keys.productImage(product, MediaFormat.PNG);

        assertThat(first.original().value())
                .isEqualTo("products/0b0c9a57-3f55-4f43-9a3c-6a4e5b1c2d3e/images/1700000000000.png");
        assertThat(first.thumbnail().value())
                .isEqualTo("products/0b0c9a57-3f55-4f43-9a3c-6a4e5b1c2d3e/images/1700000000000-thumb.jpg");
        assertThat(second.original().value()).endsWith("/images/1700000000001.png");
        assertThat(keys.reelVideo(product, MediaFormat.MP4).value())
                .isEqualTo("reels/0b0c9a57-3f55-4f43-9a3c-6a4e5b1c2d3e/video-1700000000002.mp4");
    }
}
