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
}
