package dz.zst.domain.freelance;

import java.util.List;

/**
 * Everything a freelancer describes about a service. Its slug, owner, media and figures are not
 * here: they are set once or change through their own commands and events.
 *
 * @param standard null when the service has no standard tier
 * @param premium  null when the service has no premium tier
 */
public record ServiceDetails(String title, String description, ServiceCategory category, List<String> tags,
                             ServicePackage basic, ServicePackage standard, ServicePackage premium) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 5000;
    public static final int MAX_TAGS = 30;

    public ServiceDetails {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The invariants every version of a service keeps, whatever path the data came through. */
    public void validate() {
        if (title == null || title.isBlank() || title.length() > MAX_TITLE) {
            throw new IllegalArgumentException("title must be between 1 and " + MAX_TITLE + " characters");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        if (category == null) {
            throw new IllegalArgumentException("category is required");
        }
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("tags must contain at most " + MAX_TAGS + " entries");
        }
        if (basic == null) {
            throw new IllegalArgumentException("price_basic, basic_description and basic_delivery_days are required");
        }
        basic.validate(PricingTier.BASIC);
        if (standard != null) {
            standard.validate(PricingTier.STANDARD);
        }
        if (premium != null) {
            premium.validate(PricingTier.PREMIUM);
        }
    }

    /** The tier's package, or null when the service does not sell it. */
    public ServicePackage tier(PricingTier tier) {
        return switch (tier) {
            case BASIC -> basic;
            case STANDARD -> standard;
            case PREMIUM -> premium;
        };
    }
}
