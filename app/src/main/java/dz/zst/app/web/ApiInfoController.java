package dz.zst.app.web;

import dz.zst.app.ops.PlatformHealth;
import dz.zst.query.realtime.RealtimeServer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The two routes outside /api/v1 (API.md §1): what this API is, and whether this node is healthy. */
@RestController
@Tag(name = "platform", description = "API description and health")
public class ApiInfoController {

    private final PlatformHealth health;
    private final ObjectProvider<RealtimeServer> realtime;
    private final String name;
    private final String version;

    public ApiInfoController(PlatformHealth health, ObjectProvider<RealtimeServer> realtime,
                             @Value("${zst.api-name:ZST marketplace API}") String name,
                             @Value("${zst.api-version:1.0.0}") String version) {
        this.health = health;
        this.realtime = realtime;
        this.name = name;
        this.version = version;
    }

    @GetMapping("/api")
    @Operation(summary = "Name, version and links to the documentation")
    public Map<String, Object> info() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("version", version);
        body.put("docs", "/api/docs");
        body.put("openapi", "/api/docs-json");
        body.put("health", "/api/health");
        realtime.ifAvailable(server -> body.put("realtime", realtimeLink(server)));
        return body;
    }

    /** Where this node's Socket.IO server listens (API.md §11), when it runs one. */
    private static Map<String, Object> realtimeLink(RealtimeServer server) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("namespace", RealtimeServer.NAMESPACE);
        link.put("path", RealtimeServer.PATH);
        link.put("port", server.port());
        return link;
    }

    @GetMapping("/api/health")
    @Operation(summary = "Health of this node: database, Redis, event processors; 503 when it should get no traffic")
    @ApiResponse(responseCode = "200", description = "The node serves: status ok, or degraded with only Redis down")
    @ApiResponse(responseCode = "503", description = "The same body with status starting (not ready yet) or degraded (database down, or a processor of this node in error or lagging)")
    public ResponseEntity<Map<String, Object>> health() {
        PlatformHealth.Report report = health.check();
        return ResponseEntity.status(report.serving() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(report.body());
    }
}
