package dz.zst.domain.geo;

/** A commune and the daïra it belongs to, in French and Arabic. */
public record Commune(String name, String nameAr, String daira, String dairaAr) {
}
