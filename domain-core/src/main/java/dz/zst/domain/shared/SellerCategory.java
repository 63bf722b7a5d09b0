package dz.zst.domain.shared;

import com.fasterxml.jackson.annotation.JsonValue;

/** The three tiers of the supply chain: importateur → grossiste → fournisseur → customers. */
public enum SellerCategory {
    IMPORTATEUR, GROSSISTE, FOURNISSEUR;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static SellerCategory fromWire(String value) {
        for (SellerCategory category : values()) {
            if (category.wire().equals(value)) {
                return category;
            }
        }
        throw new IllegalArgumentException("seller_category must be one of fournisseur, importateur, grossiste");
    }

    /** The tier whose products this tier may buy from, besides the public fournisseur catalog. */
    public SellerCategory supplierTier() {
        return switch (this) {
            case GROSSISTE -> IMPORTATEUR;
            case FOURNISSEUR -> GROSSISTE;
            case IMPORTATEUR -> null;
        };
    }
}
