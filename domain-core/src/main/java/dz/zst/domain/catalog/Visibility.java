package dz.zst.domain.catalog;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;

/**
 * Who may see (and so order, or put in a cart) a product, API.md §3: everyone sees the public
 * fournisseur catalog; a seller also sees its supplier tier and its own products; admins see all.
 * The product read model applies the same rule in SQL.
 */
public final class Visibility {
    private Visibility() {
    }

    /** @param viewer null for a guest */
    public static boolean canSee(Actor viewer, UserId sellerId, SellerCategory listingTier) {
        if (listingTier == SellerCategory.FOURNISSEUR) {
            return true;
        }
        if (viewer == null) {
            return false;
        }
        if (viewer.isAdmin() || viewer.is(sellerId)) {
            return true;
        }
        return viewer.isSeller() && viewer.sellerCategory().supplierTier() == listingTier;
    }
}
