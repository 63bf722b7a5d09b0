package dz.zst.domain.geo;

import dz.zst.domain.shared.Slugs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wilayas and communes of Algeria, read once from the CSV files shipped with the platform
 * (the same data the mobile app lists). Resolving a wilaya tolerates what people type: any case,
 * accents or not, spaces, hyphens and apostrophes or not, the official alias, or the code with or
 * without its leading zero.
 */
public final class Geography {

    private static final List<Wilaya> WILAYAS;
    private static final Map<String, Wilaya> BY_KEY = new HashMap<>();
    private static final Map<String, List<Commune>> COMMUNES = new LinkedHashMap<>();

    static {
        List<Wilaya> wilayas = new ArrayList<>();
        for (String[] row : rows("wilayas.csv")) {
            Wilaya wilaya = new Wilaya(row[0], row[1], row[2]);
            wilayas.add(wilaya);
            BY_KEY.put(key(row[1]), wilaya);
            if (row.length > 3 && !row[3].isBlank()) {
                BY_KEY.put(key(row[3]), wilaya);
            }
            BY_KEY.put(String.valueOf(Integer.parseInt(row[0])), wilaya);
        }
        WILAYAS = List.copyOf(wilayas);
        for (String[] row : rows("communes.csv")) {
            COMMUNES.computeIfAbsent(row[0], code -> new ArrayList<>())
                    .add(new Commune(row[1], row[2], row[3], row[4]));
        }
        COMMUNES.replaceAll((code, communes) -> List.copyOf(communes));
    }

    private Geography() {
    }

    public static List<Wilaya> wilayas() {
        return WILAYAS;
    }

    /** The wilaya named or numbered by {@code text}, if any. */
    public static Optional<Wilaya> wilaya(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (trimmed.matches("\\d{1,3}")) {
            return Optional.ofNullable(BY_KEY.get(String.valueOf(Integer.parseInt(trimmed))));
        }
        return Optional.ofNullable(BY_KEY.get(key(trimmed)));
    }

    /** The communes of the wilaya with this code (with or without leading zero); empty when unknown. */
    public static Optional<List<Commune>> communes(String code) {
        return wilaya(code).filter(w -> code.strip().matches("\\d{1,3}"))
                .map(w -> COMMUNES.getOrDefault(w.code(), Collections.emptyList()));
    }

    private static String key(String name) {
        return Slugs.fold(name).replaceAll("[^a-z0-9]+", "");
    }

    private static List<String[]> rows(String file) {
        InputStream in = Geography.class.getResourceAsStream(file);
        if (in == null) {
            throw new IllegalStateException("missing geo data " + file);
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.strip().split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
