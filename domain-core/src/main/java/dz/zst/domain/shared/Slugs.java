package dz.zst.domain.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text folding shared by slugs and search: lower case, accents removed, quotes made plain. */
public final class Slugs {

    /**
     * Apostrophes and single quotes as keyboards type them: iOS and macOS turn {@code '} into
     * {@code ’} as one types, French text uses {@code ‘ ’}, and {@code ´ `} or a prime stand in for it.
     */
    private static final Pattern APOSTROPHES =
            Pattern.compile("[\u2018\u2019\u201A\u201B\u02BC\u02BB\u02B9\u2032\u0060\u00B4\u2039\u203A\uFF07]");
    /** Double quotes and guillemets, whichever a keyboard or a pasted text gives. */
    private static final Pattern QUOTES =
            Pattern.compile("[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u301D\u301E\uFF02]");

    private Slugs() {
    }

    /**
     * The one folding of search text, applied to what is stored and to what is searched. Quotes are
     * made plain before the decomposition, which would otherwise turn {@code ´} into a space and a
     * double prime into two primes.
     */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String plain = QUOTES.matcher(APOSTROPHES.matcher(text).replaceAll("'")).replaceAll("\"");
        String decomposed = Normalizer.normalize(plain, Normalizer.Form.NFKD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    public static String kebab(String text) {
        String slug = fold(text).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "item" : slug.length() > 80 ? slug.substring(0, 80).replaceAll("-+$", "") : slug;
    }
}
