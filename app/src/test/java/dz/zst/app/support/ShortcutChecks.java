package dz.zst.app.support;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the catalog shortcut's tests compare: an answer's headers apart from those that differ
 * between any two responses, and how many reads a shortcut's counter says it answered.
 */
public final class ShortcutChecks {

    /** Headers that differ between any two responses. */
    private static final List<String> PER_RESPONSE = List.of("date", "x-request-id", "connection", "keep-alive");

    private ShortcutChecks() {
    }

    /** The headers, by lower-case name, without the per-response ones. */
    public static Map<String, List<String>> comparable(HttpHeaders headers) {
        Map<String, List<String>> kept = new TreeMap<>(headers.map());
        PER_RESPONSE.forEach(kept::remove);
        return kept;
    }

    /** A counter's value in the node's Prometheus scrape ({@code name} as Prometheus writes it), 0 before its first count. */
    public static double counter(String managementUrl, String name) {
        Matcher count = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*} ([0-9.E]+)$")
                .matcher(ApiCalls.get(managementUrl + "/actuator/prometheus", null).raw());
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }
}
