package dz.zst.command.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.command.storage.StorageResponses.FileStored;
import dz.zst.command.storage.StorageResponses.ProductImageUploaded;
import dz.zst.domain.catalog.CatalogCommands.AttachProductImageCommand;
import dz.zst.domain.catalog.CatalogQueries.FindProductQuery;
import dz.zst.domain.catalog.ProductView;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.ProductId;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The upload rules without HTTP: what is refused before anything is stored, and that nothing stays
 * stored when the Product aggregate refuses the image.
 */
class MediaUploadsTest {

    private static final ProductId PRODUCT = ProductId.random();
    private static final Actor OWNER = seller();
    private static final Actor STRANGER = seller();
    private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN, null);

    @TempDir
    Path data;

    private LocalFileStorage storage;
    private CommandGateway commands;
    private ConsistentWrites writes;
    private MediaUploads uploads;

    private static Actor seller() {
        return new Actor(new UserId(UUID.randomUUID()), Role.SELLER, SellerCategory.FOURNISSEUR);
    }

    @BeforeEach
    void wire() {
        storage = new LocalFileStorage(data.resolve("media"), "https://api.zst.test",
                new UploadSigner(new byte[32]), Clock.systemUTC());
        commands = mock(CommandGateway.class);
        writes = mock(ConsistentWrites.class);
        ProductView product = mock(ProductView.class);
        when(product.sellerId()).thenReturn(OWNER.userId().toString());
        when(writes.ask(argThat((Object q) -> q instanceof FindProductQuery f && f.productId().equals(PRODUCT)),
                eq(ProductView.class))).thenReturn(product);
        when(writes.ask(argThat((Object q) -> q instanceof FindProductQuery f && !f.productId().equals(PRODUCT)),
                eq(ProductView.class))).thenThrow(new NotFoundException("Product not found"));
        uploads = new MediaUploads(storage, new StorageKeys(Clock.systemUTC()), new ProductImages(),
                new ProductOwnership(writes), new ServiceOwnership(writes), commands, writes);
    }

    private static IncomingFile png() throws IOException {
        return IncomingFile.of("image/png", ProductImagesTest.png(900, 600, BufferedImage.TYPE_INT_RGB, Color.GREEN));
    }

    private long storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(storage.root())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void attachesAStoredImageAndItsThumbnailToTheProduct() throws IOException {
        ProductImageUploaded uploaded = uploads.uploadProductImage(OWNER, PRODUCT, png());

        verify(commands).sendAndWait(argThat((Object c) -> c instanceof AttachProductImageCommand a
                && a.productId().equals(PRODUCT) && a.actor().equals(OWNER)
                && a.imageUrl().equals(uploaded.url()) && a.thumbnailUrl().equals(uploaded.thumbnailUrl())
                && a.storageKey().equals(uploaded.key())));
        verify(writes).awaitStored(ReadModel.PRODUCTS, PRODUCT.toString());
        assertThat(storage.exists(new StorageKey(uploaded.key()))).isTrue();
        assertThat(storage.exists(new StorageKey(uploaded.thumbnailKey()))).isTrue();
    }

    @Test
    void removesTheFilesAgainWhenTheProductRefusesTheImage() throws IOException {
        when(commands.sendAndWait(any())).thenThrow(new ForbiddenException("not your product"));

        assertThatThrownBy(() -> uploads.uploadProductImage(STRANGER, PRODUCT, png())).isInstanceOf(ForbiddenException.class);

        assertThat(storedFiles()).isZero();
        verify(writes, never()).awaitStored(any(), any());
    }

    @Test
    void keepsTheFilesOfAnAttachedImageWhenWaitingForTheReadModelFails() throws IOException {
        doThrow(new IllegalStateException("read model unavailable")).when(writes).awaitStored(any(), any());

        assertThatThrownBy(() -> uploads.uploadProductImage(OWNER, PRODUCT, png())).isInstanceOf(IllegalStateException.class);

        assertThat(storedFiles()).isEqualTo(2);
    }

    @Test
    void refusesWhatIsNotAnImageBeforeStoringAnything() throws IOException {
        IncomingFile text = IncomingFile.of("text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        IncomingFile lying = IncomingFile.of("image/png", "<html></html>".getBytes(StandardCharsets.UTF_8));
        IncomingFile huge = IncomingFile.of("image/png", new byte[(int) MediaUploads.IMAGE_LIMIT_BYTES + 1]);

        assertThatThrownBy(() -> uploads.uploadProductImage(OWNER, PRODUCT, text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uploads.uploadProductImage(OWNER, PRODUCT, lying)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uploads.uploadProductImage(OWNER, PRODUCT, huge)).isInstanceOf(MaxUploadSizeExceededException.class);
        assertThatThrownBy(() -> uploads.uploadUserImage(OWNER, lying)).isInstanceOf(IllegalArgumentException.class);

        verify(commands, never()).sendAndWait(any());
        assertThat(storedFiles()).isZero();
    }

    @Test
    void storesReelVideosOnlyForTheProductOwner() throws IOException {
        IncomingFile video = IncomingFile.of("video/mp4", "\0\0\0\u0018ftypisom video".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(uploads.uploadReelVideo(OWNER, PRODUCT, video).key()).matches("reels/" + PRODUCT + "/video-\\d+\\.mp4");
        assertThat(uploads.uploadReelVideo(ADMIN, PRODUCT, video).key()).startsWith("reels/" + PRODUCT + "/");
        assertThatThrownBy(() -> uploads.uploadReelVideo(STRANGER, PRODUCT, video)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> uploads.uploadReelVideo(OWNER, ProductId.random(), video)).isInstanceOf(NotFoundException.class);
        assertThat(storedFiles()).isEqualTo(2);
    }

    @Test
    void deletesByThePrefixOwner() {
        FileStored mine = uploads.uploadUserFile(OWNER, IncomingFile.of("text/plain", new byte[] {1}));
        StorageKey key = new StorageKey(mine.key());

        assertThatThrownBy(() -> uploads.delete(STRANGER, key)).isInstanceOf(ForbiddenException.class);
        assertThat(uploads.delete(OWNER, key).key()).isEqualTo(mine.key());
        assertThatThrownBy(() -> uploads.delete(OWNER, key)).isInstanceOf(NotFoundException.class);

        StorageKey reel = new StorageKey("reels/" + PRODUCT + "/video-1.mp4");
        storage.put(reel, new byte[] {1}, "video/mp4");
        assertThatThrownBy(() -> uploads.delete(STRANGER, reel)).isInstanceOf(ForbiddenException.class);
        assertThat(uploads.delete(OWNER, reel).key()).isEqualTo(reel.value());

        StorageKey elsewhere = new StorageKey("backups/dump.bin");
        storage.put(elsewhere, new byte[] {1}, "application/octet-stream");
        assertThatThrownBy(() -> uploads.delete(OWNER, elsewhere)).isInstanceOf(ForbiddenException.class);
        assertThat(uploads.delete(ADMIN, elsewhere).key()).isEqualTo("backups/dump.bin");
    }

    @Test
    void presignsWithinTheKindsTypesAndLimits() {
        PresignedUpload image = uploads.presign(OWNER, UploadKind.PRODUCT_IMAGE, PRODUCT, null, "image/jpeg", 1000);
        assertThat(image.key()).matches("products/" + PRODUCT + "/images/\\d+\\.jpg");
        assertThat(image.headers()).containsEntry("Content-Type", "image/jpeg");

        assertThatThrownBy(() -> uploads.presign(OWNER, UploadKind.PRODUCT_IMAGE, PRODUCT, null, "video/mp4", 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image/png");
        assertThatThrownBy(() -> uploads.presign(OWNER, UploadKind.REEL_VIDEO, PRODUCT, null, "video/mp4",
                MediaUploads.VIDEO_LIMIT_BYTES + 1)).isInstanceOf(MaxUploadSizeExceededException.class);
        assertThatThrownBy(() -> uploads.presign(STRANGER, UploadKind.REEL_VIDEO, PRODUCT, null, "video/mp4", 1000))
                .isInstanceOf(ForbiddenException.class);
    }
}
