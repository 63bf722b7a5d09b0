package dz.zst.domain.shared;

/** What anyone may see of a seller (API.md §2). */
public record PublicSellerView(String id, String fullName, String avatarUrl, SellerCategory sellerCategory,
                               String wilaya, boolean isVerified) {
}
