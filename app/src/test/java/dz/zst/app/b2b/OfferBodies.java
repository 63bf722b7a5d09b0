package dz.zst.app.b2b;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bodies of POST /api/v1/b2b/offers as the app sends them, for the tests that need one offer of a kind. */
final class OfferBodies {

    private OfferBodies() {
    }

    /** An importateur's lot of 100 units for grossistes, sold by 10 at least; an auction needs both dates. */
    static Map<String, Object> toGrossistes(String title, int basePrice, String offerType, Instant startsAt,
                                            Instant endsAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("base_price", basePrice);
        body.put("min_quantity", 10);
        body.put("available_quantity", 100);
        body.put("offer_type", offerType);
        body.put("target_category", "grossiste");
        if (startsAt != null) {
            body.put("starts_at", startsAt.toString());
        }
        if (endsAt != null) {
            body.put("ends_at", endsAt.toString());
        }
        return body;
    }
}
