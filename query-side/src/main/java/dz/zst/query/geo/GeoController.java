package dz.zst.query.geo;

import dz.zst.domain.geo.Commune;
import dz.zst.domain.geo.Geography;
import dz.zst.domain.geo.Wilaya;
import dz.zst.domain.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Algeria's wilayas and communes (API.md §6), for address forms. Public, and the same for everyone
 * until the platform ships new data, so clients and proxies may keep them for a day.
 */
@RestController
@RequestMapping("/api/v1/geo")
@Tag(name = "Geography")
public class GeoController {

    private static final CacheControl ONE_DAY = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();

    @GetMapping("/wilayas")
    @Operation(summary = "The 58 wilayas, by code (\"01\"…\"58\"), with French and Arabic names (no token needed)")
    public ResponseEntity<List<Wilaya>> wilayas() {
        return ResponseEntity.ok().cacheControl(ONE_DAY).body(Geography.wilayas());
    }

    @GetMapping("/wilayas/{code}/communes")
    @Operation(summary = "The communes of a wilaya, with their daïra (no token needed)",
            description = "code is the wilaya's number, with or without its leading zero (\"07\" or \"7\"); any other"
                    + " code is 404.")
    public ResponseEntity<List<Commune>> communes(@PathVariable("code") String code) {
        List<Commune> communes = Geography.communes(code)
                .orElseThrow(() -> new NotFoundException("Wilaya " + code + " not found"));
        return ResponseEntity.ok().cacheControl(ONE_DAY).body(communes);
    }
}
