package dz.zst.domain.catalog;

import dz.zst.domain.shared.Slugs;

/**
 * The text a product is searched by: its name and brand, folded as a search query is
 * ({@link Slugs#fold}). One definition for the products read model and the migrations that
 * recompute its rows when the folding changes.
 */
public final class ProductSearch {
    private ProductSearch() {
    }

    public static String text(String name, String brand) {
        return Slugs.fold(name) + " " + Slugs.fold(brand);
    }
}
