package dz.zst.command.users;

import dz.zst.domain.shared.BusinessRuleViolationException;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import java.util.regex.Pattern;

/** Field checks of the User aggregate. Empty optional text means "no value". */
final class UserRules {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern SUBJECT = Pattern.compile("^\\S+$");
    private static final Pattern PHONE = Pattern.compile("^[+0-9 ().-]{4,30}$");

    private UserRules() {
    }

    static void checkCategoryFits(Role role, SellerCategory category) {
        if (role == Role.SELLER && category == null) {
            throw new BusinessRuleViolationException("seller_category is required for sellers");
        }
        if (role != Role.SELLER && category != null) {
            throw new BusinessRuleViolationException("seller_category is only allowed for sellers");
        }
    }

    /** The identity provider's subject, kept exactly: the user id is derived from it as it is. */
    static String subject(String value) {
        if (value == null || value.isEmpty() || value.length() > 255 || !SUBJECT.matcher(value).matches()) {
            throw new IllegalArgumentException("clerk_id must be 1 to 255 characters without spaces");
        }
        return value;
    }

    static String requiredFullName(String value) {
        String name = fullName(value);
        if (name == null) {
            throw new IllegalArgumentException("full_name must not be empty");
        }
        return name;
    }

    static String fullName(String value) {
        return text(value, "full_name", 100);
    }

    static String email(String value) {
        String email = text(value, "email", 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("email must be an email");
        }
        return email == null ? null : email.toLowerCase();
    }

    static String phone(String value) {
        String phone = text(value, "phone", 30);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new IllegalArgumentException("phone must be a phone number");
        }
        return phone;
    }

    static String url(String value, String field) {
        String url = text(value, field, 2048);
        if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalArgumentException(field + " must be an http(s) URL");
        }
        return url;
    }

    static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
        return trimmed;
    }
}
