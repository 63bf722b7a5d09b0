package dz.zst.domain.geo;

/** One of Algeria's 58 wilayas: two-digit code, French and Arabic names. */
public record Wilaya(String code, String nameFr, String nameAr) {
}
