package dz.zst.app.ops;

import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops routes over the read models, admins only. The admin check is made here on the principal
 * too, so the routes stay closed whatever the security chain's URL rules say.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "admin: projections", description = "Status of the read models and their rebuild from the event store")
public class ProjectionAdminController {

    private final ProjectionOps projections;

    public ProjectionAdminController(ProjectionOps projections) {
        this.projections = projections;
    }

    @GetMapping
    @Operation(summary = "Every processing group with its segments, position, event store head, lag and dead letters")
    public List<ProjectionStatus> list(@AuthenticationPrincipal Actor actor) {
        requireAdmin(actor);
        return projections.list();
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild a read model from the event store: 202 once it is emptied and rebuilding; 404 unknown, 409 not replayable or not reset (another node holds a segment)")
    public ResponseEntity<Map<String, String>> replay(@AuthenticationPrincipal Actor actor, @PathVariable String name) {
        requireAdmin(actor);
        projections.replay(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("message", "Replay of " + name + " started", "name", name));
    }

    @GetMapping("/{name}/dead-letters")
    @Operation(summary = "The events the read model set aside (dead letters), with the failure of each; 404 unknown")
    public List<DeadLetterView> deadLetters(@AuthenticationPrincipal Actor actor, @PathVariable String name) {
        requireAdmin(actor);
        return projections.deadLetters(name);
    }

    @PostMapping("/{name}/dead-letters/retry")
    @Operation(summary = "Apply the read model's dead letters again once the cause is fixed; those that still fail stay")
    public DeadLetterRetry retryDeadLetters(@AuthenticationPrincipal Actor actor, @PathVariable String name) {
        requireAdmin(actor);
        return projections.retryDeadLetters(name);
    }

    @DeleteMapping("/{name}/dead-letters/{id}")
    @Operation(summary = "Drop one dead letter for good (its event is not folded); 204, 404 unknown")
    public ResponseEntity<Void> evictDeadLetter(@AuthenticationPrincipal Actor actor, @PathVariable String name,
                                                @PathVariable String id) {
        requireAdmin(actor);
        projections.evictDeadLetter(name, id);
        return ResponseEntity.noContent().build();
    }

    private static void requireAdmin(Actor actor) {
        if (actor == null) {
            throw new AuthenticationCredentialsNotFoundException("Authentication required");
        }
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Admins only");
        }
    }
}
