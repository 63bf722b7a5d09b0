package dz.zst.domain.freelance;

import java.math.BigDecimal;
import java.util.List;

/** A partial update of a service: null means "leave as it is". A tier not sold yet is added by giving its fields. */
public record ServicePatch(String title, String description, ServiceCategory category, List<String> tags,
                           PackagePatch basic, PackagePatch standard, PackagePatch premium) {

    /** A partial update of one tier. */
    public record PackagePatch(BigDecimal price, String description, Integer deliveryDays) {

        boolean isEmpty() {
            return price == null && description == null && deliveryDays == null;
        }

        ServicePackage applyTo(ServicePackage current) {
            if (isEmpty()) {
                return current;
            }
            if (current == null) {
                return new ServicePackage(price, description, deliveryDays == null ? 0 : deliveryDays);
            }
            return new ServicePackage(or(price, current.price()), or(description, current.description()),
                    or(deliveryDays, current.deliveryDays()));
        }
    }

    public ServiceDetails applyTo(ServiceDetails d) {
        return new ServiceDetails(or(title, d.title()), or(description, d.description()), or(category, d.category()),
                or(tags, d.tags()), tier(basic, d.basic()), tier(standard, d.standard()), tier(premium, d.premium()));
    }

    private static ServicePackage tier(PackagePatch patch, ServicePackage current) {
        return patch == null ? current : patch.applyTo(current);
    }

    private static <T> T or(T value, T current) {
        return value != null ? value : current;
    }
}
