package dz.zst.domain.shared;

import java.text.Normalizer;
import java.util.Locale;

/** Text folding shared by slugs and search: lower case, accents removed. */
public final class Slugs {
    private Slugs() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    public static String kebab(String text) {
        String slug = fold(text).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "item" : slug.length() > 80 ? slug.substring(0, 80).replaceAll("-+$", "") : slug;
    }
}
