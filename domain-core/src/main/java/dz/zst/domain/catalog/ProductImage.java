package dz.zst.domain.catalog;

/** An image of a product; the storage key lets the owner delete the file later. */
public record ProductImage(String id, String imageUrl, String thumbnailUrl, String storageKey, boolean isPrimary,
                           int displayOrder) {
}
