package dz.zst.domain.orders;

/** Algerian phone numbers compared as their national form, whichever way they were typed. */
public final class Phones {
    private Phones() {
    }

    /** {@code +213 6 12 34 56 78}, {@code 00213612345678} and {@code 0612345678} all give {@code 0612345678}. */
    public static String national(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[\\s.()-]", "");
        if (digits.startsWith("+213")) {
            return "0" + digits.substring(4);
        }
        if (digits.startsWith("00213")) {
            return "0" + digits.substring(5);
        }
        return digits;
    }

    /**
     * A phone number as it arrives in a URL's query string, where a {@code +} sent unencoded is read
     * as a space (form encoding): {@code ?phone=+213661234567} gives {@code " 213661234567"}. A
     * number never starts with a space followed by a digit other than 0 (national numbers start with
     * 0), so that space was the {@code +} of a country code.
     */
    public static String fromQuery(String phone) {
        if (phone != null && phone.length() > 1 && phone.charAt(0) == ' '
                && phone.charAt(1) >= '1' && phone.charAt(1) <= '9') {
            return "+" + phone.substring(1);
        }
        return phone;
    }
}
